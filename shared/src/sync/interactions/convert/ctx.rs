//! [`Ctx`]: the record, the references, the options and the legs every part of the conversion
//! needs, with the builders of the parts events share (header, established).

use chrono::{DateTime, Utc};

use super::ConvertOptions;
use super::TagId;
use super::transfers;
use crate::external::{Direction, InteractionRecord, Segment, Transfer, TransferTarget};
use crate::genesys::model::{Established, EventHeader, InitialConfiguration, SourceConfiguration};
use crate::sync::interactions::ids::{IdSource, Leg};
use crate::sync::interactions::refs::References;

/// What every part of the conversion needs.
pub(super) struct Ctx<'r> {
    pub(super) record: &'r InteractionRecord,
    pub(super) refs: &'r References<'r>,
    pub(super) ids: IdSource<'r>,
    options: &'r ConvertOptions,
    pub(super) conversation_id: String,
    pub(super) customer: String,
    /// Leg and communication id of each segment.
    pub(super) segment_legs: Vec<(Leg, String)>,
    /// Leg and communication id of each transfer to a number, by transfer index.
    pub(super) phone_legs: Vec<(Leg, String)>,
    phone_leg_of: Vec<Option<usize>>,
    /// The agent segment each transfer came from.
    pub(super) transfer_from: Vec<usize>,
}

impl<'r> Ctx<'r> {
    pub(super) fn new(
        record: &'r InteractionRecord,
        refs: &'r References<'r>,
        options: &'r ConvertOptions,
    ) -> Self {
        let ids = IdSource {
            source_id: refs.source_id(),
            interaction_id: record.interaction_id.as_str(),
        };
        let (mut ivr, mut queue, mut agent) = (0, 0, 0);
        let segment_legs = record
            .segments
            .iter()
            .map(|segment| {
                let leg = match segment {
                    Segment::Ivr(_) => {
                        ivr += 1;
                        Leg::Ivr(ivr)
                    }
                    Segment::Queue(_) => {
                        queue += 1;
                        Leg::Queue(queue)
                    }
                    Segment::Agent(_) => {
                        agent += 1;
                        Leg::Agent(agent)
                    }
                };
                (leg, ids.communication(leg))
            })
            .collect();
        let mut phone_legs = Vec::new();
        let mut phone_leg_of = Vec::new();
        for transfer in &record.transfers {
            if matches!(transfer.to, TransferTarget::Number(_)) {
                let leg = Leg::Phone(phone_legs.len() + 1);
                phone_leg_of.push(Some(phone_legs.len()));
                phone_legs.push((leg, ids.communication(leg)));
            } else {
                phone_leg_of.push(None);
            }
        }
        let transfer_from = record
            .transfers
            .iter()
            .map(|t| transfers::from_segment(record, t))
            .collect();
        Self {
            record,
            refs,
            ids,
            options,
            conversation_id: ids.conversation(),
            customer: ids.communication(Leg::Customer),
            segment_legs,
            phone_legs,
            phone_leg_of,
            transfer_from,
        }
    }

    pub(super) fn inbound(&self) -> bool {
        self.record.direction == Direction::Inbound
    }

    pub(super) fn header(&self, subject: &str, step: &str, at: DateTime<Utc>) -> EventHeader {
        EventHeader {
            event_id: self.ids.event(subject, step),
            event_date_time: at,
            conversation_id: self.conversation_id.clone(),
        }
    }

    /// The common part of an established event for `leg` with communication `communication_id`.
    pub(super) fn established(
        &self,
        leg: Leg,
        communication_id: &str,
        at: DateTime<Utc>,
        initial: InitialConfiguration,
    ) -> Established {
        let interaction_id = self.record.interaction_id.as_str();
        let tag_id = match &self.options.tag {
            TagId::InteractionId => Some(interaction_id.to_owned()),
            TagId::Prefixed(prefix) => Some(format!("{prefix}{interaction_id}")),
            TagId::None => None,
        };
        Established {
            header: self.header(&leg.label(), "established", at),
            communication_id: communication_id.to_owned(),
            initial_configuration: initial,
            source_configuration: SourceConfiguration {
                source_id: self.refs.source_id().to_owned(),
                interaction_id: interaction_id.to_owned(),
                tag_id,
            },
        }
    }

    /// The phone leg a transfer to a number created.
    pub(super) fn phone_leg(&self, transfer: usize) -> Option<&(Leg, String)> {
        self.phone_leg_of
            .get(transfer)
            .copied()
            .flatten()
            .and_then(|i| self.phone_legs.get(i))
    }

    /// The first transfer that ended agent segment `index`.
    pub(super) fn transfer_ending(&self, index: usize) -> Option<&'r Transfer> {
        self.transfer_from
            .iter()
            .position(|from| *from == index)
            .and_then(|k| self.record.transfers.get(k))
    }
}
