//! The configuration snapshot `exsync.config/v1`: the external platform's whole configuration.
//!
//! Every object carries the external platform's `id`, and every reference between objects
//! (`division`, `skill`, `manager`, `queues`, ...) is such an id. The types only: reading is
//! [`super::read_snapshot`] (per object) and [`super::parse_snapshot`] (all or nothing), in
//! `intake.rs`; the rules are [`super::validate_snapshot`].

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::format::SchemaTag;
use super::held::Held;
use super::kind::ObjectKind;
use crate::ids::{ExternalId, ExternalUserId};
use crate::presence::SystemPresence;

/// The name problems about the snapshot as a whole use as their object.
pub const SNAPSHOT_OBJECT: &str = "config";

/// A configuration snapshot (`exsync.config/v1`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConfigSnapshot {
    /// `exsync.config/v1`.
    pub schema: SchemaTag,
    /// When the external platform produced the snapshot.
    pub generated_at: DateTime<Utc>,
    /// Business units; Genesys divisions.
    pub divisions: Vec<Division>,
    /// ACD skills.
    pub skills: Vec<Skill>,
    /// ACD languages.
    pub languages: Vec<Language>,
    /// Wrap-up codes.
    pub wrapup_codes: Vec<WrapupCode>,
    /// Secondary (not-ready) statuses; Genesys presence definitions.
    pub secondary_statuses: Vec<SecondaryStatus>,
    /// ACD queues.
    pub queues: Vec<Queue>,
    /// Users (agents, team leads, ...).
    pub users: Vec<User>,
    /// The objects read from the document that cannot be synced (see [`super::held`]); they are
    /// not in the collections above. Not part of the format.
    #[serde(skip)]
    pub held: Held,
}

/// Where a snapshot object lands, as the rules that treat every collection alike see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement<'a> {
    /// the type has no division (languages, secondary statuses)
    Unplaced,
    /// the object names no division: the mapping's default (or Genesys's home)
    Default,
    /// the object's division (a division is placed in itself)
    In(&'a ExternalId),
}

impl<'a> Placement<'a> {
    fn of(division: Option<&'a ExternalId>) -> Self {
        division.map_or(Self::Default, Self::In)
    }
}

impl ConfigSnapshot {
    /// Every object of every collection, in snapshot order: (collection, id, placement).
    pub fn objects(&self) -> impl Iterator<Item = (ObjectKind, &str, Placement<'_>)> {
        let divisions = self
            .divisions
            .iter()
            .map(|o| (ObjectKind::Divisions, o.id.as_str(), Placement::In(&o.id)));
        let skills = self.skills.iter().map(|o| {
            let placement = Placement::of(o.division.as_ref());
            (ObjectKind::Skills, o.id.as_str(), placement)
        });
        let languages = self
            .languages
            .iter()
            .map(|o| (ObjectKind::Languages, o.id.as_str(), Placement::Unplaced));
        let codes = self.wrapup_codes.iter().map(|o| {
            let placement = Placement::of(o.division.as_ref());
            (ObjectKind::WrapupCodes, o.id.as_str(), placement)
        });
        let statuses = self.secondary_statuses.iter().map(|o| {
            let placement = Placement::Unplaced;
            (ObjectKind::SecondaryStatuses, o.id.as_str(), placement)
        });
        let queues = self.queues.iter().map(|o| {
            let placement = Placement::of(o.division.as_ref());
            (ObjectKind::Queues, o.id.as_str(), placement)
        });
        let users = self.users.iter().map(|o| {
            let placement = Placement::of(o.division.as_ref());
            (ObjectKind::Users, o.id.as_str(), placement)
        });
        divisions
            .chain(skills)
            .chain(languages)
            .chain(codes)
            .chain(statuses)
            .chain(queues)
            .chain(users)
    }
}

/// A business unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Division {
    /// External id.
    pub id: ExternalId,
    /// Display name; unique among divisions (Genesys matches divisions by name).
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// An ACD skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Skill {
    /// External id.
    pub id: ExternalId,
    /// Display name; unique among skills.
    pub name: String,
    /// The division it belongs to, if the platform scopes skills.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<ExternalId>,
}

/// An ACD language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Language {
    /// External id.
    pub id: ExternalId,
    /// Display name; unique among languages.
    pub name: String,
}

/// A wrap-up code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WrapupCode {
    /// External id.
    pub id: ExternalId,
    /// Display name; unique among wrap-up codes.
    pub name: String,
    /// The division it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<ExternalId>,
}

/// A secondary status: a not-ready reason that rolls up to a system presence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecondaryStatus {
    /// External id.
    pub id: ExternalId,
    /// The Genesys system presence it rolls up to.
    pub system_presence: SystemPresence,
    /// Label per Genesys locale code (`en_US`, `de`, ...); at least one, each unique per locale.
    pub labels: BTreeMap<String, String>,
}

/// An ACD queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Queue {
    /// External id.
    pub id: ExternalId,
    /// Display name; unique among queues.
    pub name: String,
    /// The division it belongs to; the mapping's default division when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<ExternalId>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The wrap-up codes agents may choose on this queue.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wrapup_codes: Vec<ExternalId>,
}

/// A user (agent, team lead, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct User {
    /// External id; becomes the Genesys external id under the mapping's user authority.
    pub id: ExternalUserId,
    /// Full name.
    pub name: String,
    /// Email address; unique (case-insensitively) among users, also their Genesys login.
    pub email: String,
    /// The division the user belongs to; the mapping's default division when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<ExternalId>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// The user's manager, another user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager: Option<ExternalUserId>,
    /// Employee number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee_id: Option<String>,
    /// False for a user who left or is suspended; such a user is deactivated in Genesys.
    #[serde(default = "active_by_default")]
    pub active: bool,
    /// ACD skills with proficiency.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<SkillAssignment>,
    /// ACD languages with proficiency.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<LanguageAssignment>,
    /// The queues the user is a member of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub queues: Vec<ExternalId>,
}

fn active_by_default() -> bool {
    true
}

/// A skill held by a user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SkillAssignment {
    /// The skill's external id.
    pub skill: ExternalId,
    /// How well, 0.0 to 5.0.
    pub proficiency: Proficiency,
}

/// A language spoken by a user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LanguageAssignment {
    /// The language's external id.
    pub language: ExternalId,
    /// How well, 0.0 to 5.0.
    pub proficiency: Proficiency,
}

/// A proficiency from 0.0 to [`Proficiency::MAX`], as Genesys rates skills and languages
/// (`UserRoutingSkillPost.proficiency` is a number: 2.5 and 3.5 are normal values).
///
/// Any JSON number deserializes so that the snapshot validator can report every value out of range
/// at once; a snapshot returned by [`super::parse_snapshot`] holds only valid ones.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Proficiency(f64);

impl Proficiency {
    /// The highest proficiency.
    pub const MAX: f64 = 5.0;

    /// How far apart two proficiencies may be and still be the same rating: Genesys keeps a
    /// double, so a value read back may differ from the one sent in the last bits only.
    pub const TOLERANCE: f64 = 1e-6;

    /// A proficiency, if `value` is a number in range.
    pub fn new(value: f64) -> Option<Self> {
        Self(value).is_valid().then_some(Self(value))
    }

    /// The value.
    pub fn value(self) -> f64 {
        self.0
    }

    /// Whether the value is a finite number from 0.0 to 5.0.
    pub fn is_valid(self) -> bool {
        self.0.is_finite() && (0.0..=Self::MAX).contains(&self.0)
    }

    /// Whether `other` (as Genesys reports it) is the same rating.
    pub fn matches(self, other: f64) -> bool {
        (self.0 - other).abs() <= Self::TOLERANCE
    }
}

#[cfg(test)]
mod tests;
