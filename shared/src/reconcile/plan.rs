//! `Plan`: what a sync will do, and why, before it does it.
//!
//! A plan is a complete value: a list of [`Change`]s in the order they are applied (phase by
//! phase), each naming the object (type, external id, Genesys id when it exists, the version it was
//! planned against), the [`Action`] with everything the call sends (final names, target division,
//! the fields of an update), and the reason. The executor needs nothing else: no snapshot, no
//! mapping, no org. A reference to another object is a [`Ref`]: its Genesys id when the object
//! exists at planning time, else its external id, resolved through the id map when the change is
//! applied (an object an earlier change of the same run creates).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::external::ObjectKind;
use crate::ids::{ExternalId, GenesysId};

/// The order changes are applied in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Phase {
    /// the presence source and settings
    Presence,
    /// divisions
    Divisions,
    /// skills, languages, wrap-up codes, secondary statuses
    Catalog,
    /// queues and their wrap-up codes
    Queues,
    /// user creation, adoption, restoration
    Users,
    /// user fields, manager, skills, languages
    UserDetails,
    /// queue memberships
    Memberships,
    /// deactivations and deletions, in reverse dependency order
    Cleanup,
}

/// A field that changes: old → new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    /// the field
    pub field: String,
    /// its value now
    pub old: Option<String>,
    /// its value after the change
    pub new: Option<String>,
}

impl FieldChange {
    /// A field change.
    pub fn new(field: &str, old: Option<&str>, new: Option<&str>) -> Self {
        Self {
            field: field.to_owned(),
            old: old.map(str::to_owned),
            new: new.map(str::to_owned),
        }
    }
}

/// A reference from a change to another Genesys object.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ref {
    /// the Genesys id, when the object exists at planning time
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<GenesysId>,
    /// the external id (absent for an object the snapshot does not name, like the home division)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external: Option<ExternalId>,
}

impl Ref {
    /// An object that exists, known by its Genesys id.
    pub fn known(id: &str, external: Option<&str>) -> Self {
        Self {
            id: Some(id.into()),
            external: external.map(ExternalId::from),
        }
    }

    /// An object an earlier change of the plan creates.
    pub fn pending(external: &str) -> Self {
        Self {
            id: None,
            external: Some(external.into()),
        }
    }

    /// For people: the external id, else the Genesys id.
    pub fn label(&self) -> &str {
        self.external
            .as_ref()
            .map(ExternalId::as_str)
            .or(self.id.as_ref().map(GenesysId::as_str))
            .unwrap_or("-")
    }
}

/// A skill or language with the proficiency a user gets in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Level {
    /// the skill or language
    pub item: Ref,
    /// 0.0 to 5.0
    pub proficiency: f64,
}

/// The user fields a PATCH sends; absent fields are not sent (an empty string clears a text field).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserPatch {
    /// full name
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// email
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// title
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// department
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// manager
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager: Option<Ref>,
    /// the employee id (inside: `None` clears it)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer: Option<Employer>,
    /// the division the user moves to (a call of its own)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<Ref>,
}

impl UserPatch {
    /// Whether anything besides the division is sent (the division moves by another call).
    pub fn has_fields(&self) -> bool {
        self.name.is_some()
            || self.email.is_some()
            || self.title.is_some()
            || self.department.is_some()
            || self.manager.is_some()
            || self.employer.is_some()
    }
}

/// The employer info a user PATCH sends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Employer {
    /// the employee id (`None`: cleared)
    pub employee_id: Option<String>,
}

/// What an update sends: the whole object for the types Genesys replaces (PUT), the changed
/// fields for users (PATCH).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum UpdateBody {
    /// a division
    Division {
        /// name
        name: String,
        /// description
        description: String,
    },
    /// a wrap-up code
    WrapupCode {
        /// name
        name: String,
        /// division
        division: Ref,
    },
    /// a secondary status (presence definition), reactivated if deactivated
    SecondaryStatus {
        /// labels per locale
        labels: BTreeMap<String, String>,
        /// the system presence it rolls up to
        system_presence: String,
    },
    /// a queue (its other settings are kept)
    Queue {
        /// name
        name: String,
        /// division
        division: Ref,
        /// description
        description: Option<String>,
    },
    /// a user
    User(UserPatch),
}

/// What a change does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "action",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Action {
    /// create the presence source
    CreatePresenceSource {
        /// its name
        name: String,
    },
    /// make the presence source the org's default primary source
    SetDefaultPrimarySource,
    /// record an existing object as exsync's (adopted by name, or found by external id)
    Adopt,
    /// create a division
    CreateDivision {
        /// name
        name: String,
        /// description
        description: String,
    },
    /// create a skill
    CreateSkill {
        /// name
        name: String,
        /// division
        division: Ref,
    },
    /// create a language
    CreateLanguage {
        /// name
        name: String,
    },
    /// create a wrap-up code
    CreateWrapupCode {
        /// name
        name: String,
        /// division
        division: Ref,
    },
    /// create a secondary status
    CreateSecondaryStatus {
        /// labels per locale
        labels: BTreeMap<String, String>,
        /// the system presence it rolls up to
        system_presence: String,
    },
    /// create a queue
    CreateQueue {
        /// name
        name: String,
        /// division
        division: Ref,
        /// description
        description: Option<String>,
    },
    /// create a user
    CreateUser {
        /// full name
        name: String,
        /// email
        email: String,
        /// division
        division: Ref,
        /// title
        title: Option<String>,
        /// department
        department: Option<String>,
        /// false: created inactive (a suspended user)
        active: bool,
        /// the authority exsync's external id is registered under
        authority: String,
    },
    /// adopt an existing user found by email and register exsync's external id on it
    AdoptUserByEmail {
        /// the authority exsync's external id is registered under
        authority: String,
    },
    /// restore a soft-deleted or inactive user
    RestoreUser,
    /// update fields (divisions, wrap-up codes, secondary statuses, queues, users)
    Update {
        /// what changes, old → new (for people)
        fields: Vec<FieldChange>,
        /// what the call sends
        body: UpdateBody,
    },
    /// move a skill to another division
    SetSkillDivision {
        /// division
        division: Ref,
    },
    /// replace all of a user's skills (one call)
    SetUserSkills {
        /// every skill the user has after the call
        skills: Vec<Level>,
    },
    /// add/update a user's languages and remove the others
    SetUserLanguages {
        /// languages to add or update
        set: Vec<Level>,
        /// Genesys language ids to remove
        remove: Vec<GenesysId>,
    },
    /// add wrap-up codes to a queue and remove others
    SetQueueWrapupCodes {
        /// wrap-up codes to add
        add: Vec<Ref>,
        /// Genesys wrap-up code ids to remove
        remove: Vec<GenesysId>,
    },
    /// add and remove queue members
    SetQueueMembers {
        /// users to add
        add: Vec<Ref>,
        /// Genesys user ids to remove
        remove: Vec<GenesysId>,
    },
    /// deactivate a user
    DeactivateUser,
    /// delete an object (users: soft delete)
    Delete,
}

/// One planned change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// when it is applied
    pub phase: Phase,
    /// the object type (`None` for the presence source and settings)
    pub kind: Option<ObjectKind>,
    /// the external id (`None` for objects the snapshot does not have)
    pub external_id: Option<ExternalId>,
    /// the Genesys id, when the object exists
    pub genesys_id: Option<GenesysId>,
    /// the object's version as read when planning (users), sent with the first PATCH
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    /// what to do
    #[serde(flatten)]
    pub action: Action,
    /// why
    pub reason: String,
}

/// The mass-change guard's verdict on one object type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GuardViolation {
    /// the object type
    pub kind: ObjectKind,
    /// objects of the type exsync manages
    pub managed: usize,
    /// of which the plan would deactivate or delete
    pub removing: usize,
    /// the configured limit in percent
    pub max_percent: u8,
}

/// A part of the sync the plan leaves out, and why: a held snapshot object (invalid, or depending
/// on an invalid one), or one relation of a valid object that points at a held one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Skipped {
    /// the object type
    pub kind: ObjectKind,
    /// the external id (`None` for an object without a readable id)
    pub external_id: Option<String>,
    /// what is left as Genesys has it: `object`, `manager`, `skills`, `languages`, `wrapupCodes`,
    /// `members`, `removals`
    pub part: String,
    /// why, naming the held object and its field
    pub reason: String,
}

/// A plan: the changes in apply order, and what the guard refuses.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// changes, in apply order
    pub changes: Vec<Change>,
    /// object types whose removals exceed the mass-change guard; a plan with any is not applied
    pub blocked: Vec<GuardViolation>,
    /// things an operator should know that are not changes (conflicts, skipped objects)
    pub warnings: Vec<String>,
    /// what the plan leaves out because the snapshot holds it back; a plan with any is partial
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skipped>,
}

impl Plan {
    /// True when the plan changes nothing.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Changes per (phase, action name), for summaries.
    pub fn summary(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for change in &self.changes {
            let kind = change
                .kind
                .map(|k| format!("{k:?}"))
                .unwrap_or_else(|| "Presence".into());
            *counts
                .entry(format!("{kind}.{}", action_name(&change.action)))
                .or_insert(0) += 1;
        }
        counts
    }
}

/// The action's tag, e.g. `createUser`.
pub fn action_name(action: &Action) -> String {
    serde_json::to_value(action)
        .ok()
        .and_then(|v| v.get("action").and_then(|a| a.as_str()).map(str::to_owned))
        .unwrap_or_default()
}
