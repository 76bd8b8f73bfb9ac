//! The segments of an interaction record: IVR, queue and agent, tagged by `type`.
//!
//! A segment is read as one flat object and then checked against its type, rather than with
//! serde's internally tagged enums: those buffer the object first, and their errors lose the
//! position that names the field. Here a field that does not belong to the type gets its own
//! message (`field `holds` is not allowed in an ivr segment`).

use std::fmt;

use chrono::{DateTime, Utc};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::ids::{ExternalId, ExternalUserId};

/// One segment of a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Segment {
    /// Time in the IVR.
    Ivr(IvrSegment),
    /// Time waiting in a queue.
    Queue(QueueSegment),
    /// Time with an agent, from the offer to the end of after-call work.
    Agent(AgentSegment),
}

/// Time in the IVR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IvrSegment {
    /// Entered the IVR.
    pub started_at: DateTime<Utc>,
    /// Left the IVR; absent while still in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<Utc>>,
}

/// Time waiting in a queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueSegment {
    /// The queue.
    pub queue: ExternalId,
    /// Entered the queue.
    pub started_at: DateTime<Utc>,
    /// Left the queue (answered, transferred or abandoned); absent while waiting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<Utc>>,
}

/// Time with an agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentSegment {
    /// The agent.
    pub agent: ExternalUserId,
    /// The queue the call came through; absent for direct and outbound calls.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue: Option<ExternalId>,
    /// The call was offered to (or, outbound, placed by) the agent.
    pub alerted_at: DateTime<Utc>,
    /// The agent answered (outbound: the customer answered); absent if never.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<DateTime<Utc>>,
    /// Holds, in time order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub holds: Vec<Hold>,
    /// The agent's part of the call ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<Utc>>,
    /// After-call work ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after_call_work_ended_at: Option<DateTime<Utc>>,
    /// The wrap-up code the agent chose.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wrapup_code: Option<ExternalId>,
    /// The agent's wrap-up notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Hold {
    /// The customer was put on hold.
    pub started_at: DateTime<Utc>,
    /// The call was resumed; absent while on hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum SegmentType {
    Ivr,
    Queue,
    Agent,
}

/// Every field any segment type has.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawSegment {
    #[serde(rename = "type")]
    kind: SegmentType,
    queue: Option<ExternalId>,
    agent: Option<ExternalUserId>,
    started_at: Option<DateTime<Utc>>,
    ended_at: Option<DateTime<Utc>>,
    alerted_at: Option<DateTime<Utc>>,
    answered_at: Option<DateTime<Utc>>,
    holds: Option<Vec<Hold>>,
    after_call_work_ended_at: Option<DateTime<Utc>>,
    wrapup_code: Option<ExternalId>,
    notes: Option<String>,
}

impl RawSegment {
    /// The optional fields present, by their JSON names.
    fn present(&self) -> Vec<&'static str> {
        let fields = [
            ("queue", self.queue.is_some()),
            ("agent", self.agent.is_some()),
            ("startedAt", self.started_at.is_some()),
            ("endedAt", self.ended_at.is_some()),
            ("alertedAt", self.alerted_at.is_some()),
            ("answeredAt", self.answered_at.is_some()),
            ("holds", self.holds.is_some()),
            (
                "afterCallWorkEndedAt",
                self.after_call_work_ended_at.is_some(),
            ),
            ("wrapupCode", self.wrapup_code.is_some()),
            ("notes", self.notes.is_some()),
        ];
        fields
            .into_iter()
            .filter(|(_, present)| *present)
            .map(|(name, _)| name)
            .collect()
    }

    fn into_segment(self) -> Result<Segment, String> {
        let (name, allowed): (&str, &[&str]) = match self.kind {
            SegmentType::Ivr => ("ivr", &["startedAt", "endedAt"]),
            SegmentType::Queue => ("queue", &["queue", "startedAt", "endedAt"]),
            SegmentType::Agent => (
                "agent",
                &[
                    "agent",
                    "queue",
                    "alertedAt",
                    "answeredAt",
                    "holds",
                    "endedAt",
                    "afterCallWorkEndedAt",
                    "wrapupCode",
                    "notes",
                ],
            ),
        };
        if let Some(extra) = self.present().into_iter().find(|f| !allowed.contains(f)) {
            return Err(format!(
                "field `{extra}` is not allowed in an {name} segment"
            ));
        }
        let missing = |field: &str| format!("missing field `{field}`");
        Ok(match self.kind {
            SegmentType::Ivr => Segment::Ivr(IvrSegment {
                started_at: self.started_at.ok_or_else(|| missing("startedAt"))?,
                ended_at: self.ended_at,
            }),
            SegmentType::Queue => Segment::Queue(QueueSegment {
                queue: self.queue.ok_or_else(|| missing("queue"))?,
                started_at: self.started_at.ok_or_else(|| missing("startedAt"))?,
                ended_at: self.ended_at,
            }),
            SegmentType::Agent => Segment::Agent(AgentSegment {
                agent: self.agent.ok_or_else(|| missing("agent"))?,
                queue: self.queue,
                alerted_at: self.alerted_at.ok_or_else(|| missing("alertedAt"))?,
                answered_at: self.answered_at,
                holds: self.holds.unwrap_or_default(),
                ended_at: self.ended_at,
                after_call_work_ended_at: self.after_call_work_ended_at,
                wrapup_code: self.wrapup_code,
                notes: self.notes,
            }),
        })
    }
}

impl<'de> Deserialize<'de> for Segment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SegmentVisitor;

        impl<'de> Visitor<'de> for SegmentVisitor {
            type Value = Segment;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a segment object")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Segment, A::Error> {
                let raw = RawSegment::deserialize(de::value::MapAccessDeserializer::new(map))?;
                raw.into_segment().map_err(de::Error::custom)
            }
        }

        deserializer.deserialize_map(SegmentVisitor)
    }
}

impl Segment {
    /// When the segment began: `startedAt`, or `alertedAt` for an agent.
    pub fn started_at(&self) -> DateTime<Utc> {
        match self {
            Self::Ivr(s) => s.started_at,
            Self::Queue(s) => s.started_at,
            Self::Agent(s) => s.alerted_at,
        }
    }

    /// When the segment ended, if it has.
    pub fn ended_at(&self) -> Option<DateTime<Utc>> {
        match self {
            Self::Ivr(s) => s.ended_at,
            Self::Queue(s) => s.ended_at,
            Self::Agent(s) => s.ended_at,
        }
    }
}
