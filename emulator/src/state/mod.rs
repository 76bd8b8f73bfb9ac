//! The org: every object the emulator holds, in memory. `Org::fresh()` is what `start` and
//! `reset` give (a home division and the ten system presences); `state_json` is this
//! struct serialized; a seed snapshot is the same shape, merged in by id.

pub mod conversations;
pub mod entities;
pub mod presence;
pub mod table;
pub mod uploads;
pub mod users;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::ids::derived_id;
use conversations::Conversation;
use entities::{Division, Language, Queue, Skill, WrapupCode};
use presence::{PresenceDefinition, PresenceSettings, PresenceSource, SYSTEM_PRESENCES};
use table::Table;
use uploads::{Report, Upload, UploadStatus};
use users::User;

/// Organization identity (its id prefixes the upload keys).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrgInfo {
    /// Org id.
    pub id: String,
    /// Org name.
    pub name: String,
    /// Org short name / domain.
    pub domain: String,
}

impl Default for OrgInfo {
    fn default() -> Self {
        OrgInfo {
            id: derived_id("organization"),
            name: "Emulated Org".into(),
            domain: "emulated-org".into(),
        }
    }
}

/// Everything in the org.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Org {
    /// Identity.
    pub organization: OrgInfo,
    /// Divisions (one is home).
    pub divisions: Table<Division>,
    /// Users, including soft-deleted ones.
    pub users: Table<User>,
    /// ACD skills.
    pub skills: Table<Skill>,
    /// ACD languages.
    pub languages: Table<Language>,
    /// Queues with members and wrap-up codes.
    pub queues: Table<Queue>,
    /// Wrap-up codes.
    pub wrapup_codes: Table<WrapupCode>,
    /// Presence definitions, system and custom.
    pub presence_definitions: Table<PresenceDefinition>,
    /// Registered presence sources.
    pub presence_sources: Table<PresenceSource>,
    /// Org presence settings.
    pub presence_settings: PresenceSettings,
    /// Conversations built from events.
    pub conversations: Table<Conversation>,
    /// Recording uploads.
    pub uploads: Table<Upload>,
    /// Upload reports.
    pub reports: Table<Report>,
    /// Event ids already applied (duplicates are idempotent).
    pub event_ids: BTreeSet<String>,
}

impl Org {
    /// A new org: home division and system presences.
    pub fn fresh() -> Org {
        let mut org = Org::default();
        org.divisions.insert(Division {
            id: derived_id("division:home"),
            name: "Home".into(),
            description: "The home division".into(),
            home_division: true,
        });
        for name in SYSTEM_PRESENCES {
            org.presence_definitions
                .insert(PresenceDefinition::system(name));
        }
        org
    }

    /// The home division's id.
    pub fn home_division_id(&self) -> String {
        self.divisions
            .values()
            .find(|d| d.home_division)
            .map(|d| d.id.clone())
            .unwrap_or_else(|| derived_id("division:home"))
    }

    /// A division's name.
    pub fn division_name(&self, id: &str) -> Option<String> {
        self.divisions.get(id).map(|d| d.name.clone())
    }

    /// Merges a snapshot in by id (collections absent from `raw` stay as they are).
    ///
    /// # Errors
    /// A message when the snapshot does not have the shape of `state_json`.
    pub fn merge_snapshot(&mut self, raw: Value) -> Result<(), String> {
        let has_settings = raw.get("presenceSettings").is_some();
        let has_org = raw.get("organization").is_some();
        let snapshot: Org = serde_json::from_value(raw).map_err(|e| e.to_string())?;
        let home = self.home_division_id();
        if has_org {
            self.organization = snapshot.organization;
        }
        if has_settings {
            self.presence_settings = snapshot.presence_settings;
        }
        self.divisions.merge(snapshot.divisions);
        self.users.merge(snapshot.users);
        self.skills.merge(snapshot.skills);
        self.languages.merge(snapshot.languages);
        self.queues.merge(snapshot.queues);
        self.wrapup_codes.merge(snapshot.wrapup_codes);
        self.presence_definitions
            .merge(snapshot.presence_definitions);
        self.presence_sources.merge(snapshot.presence_sources);
        self.conversations.merge(snapshot.conversations);
        self.uploads.merge(snapshot.uploads);
        self.reports.merge(snapshot.reports);
        self.event_ids.extend(snapshot.event_ids);
        self.fill_default_divisions(&home);
        self.check_references()
    }

    fn fill_default_divisions(&mut self, home: &str) {
        for user in self.users.values_mut().filter(|u| u.division_id.is_empty()) {
            user.division_id = home.to_owned();
        }
        for skill in self
            .skills
            .values_mut()
            .filter(|s| s.division_id.is_empty())
        {
            skill.division_id = home.to_owned();
        }
        for queue in self
            .queues
            .values_mut()
            .filter(|q| q.division_id.is_empty())
        {
            queue.division_id = home.to_owned();
        }
        for code in self
            .wrapup_codes
            .values_mut()
            .filter(|c| c.division_id.is_empty())
        {
            code.division_id = home.to_owned();
        }
    }

    fn check_references(&self) -> Result<(), String> {
        let division_ids = self
            .users
            .values()
            .map(|u| (&u.division_id, "user", &u.id))
            .chain(
                self.skills
                    .values()
                    .map(|s| (&s.division_id, "skill", &s.id)),
            )
            .chain(
                self.queues
                    .values()
                    .map(|q| (&q.division_id, "queue", &q.id)),
            );
        for (division, kind, id) in division_ids {
            if !self.divisions.contains(division) {
                return Err(format!("{kind} {id} names unknown division {division}"));
            }
        }
        for queue in self.queues.values() {
            if let Some(m) = queue
                .members
                .iter()
                .find(|m| !self.users.contains(&m.user_id))
            {
                return Err(format!(
                    "queue {} names unknown member {}",
                    queue.id, m.user_id
                ));
            }
        }
        for user in self.users.values() {
            if let Some(s) = user.skills.iter().find(|s| !self.skills.contains(&s.id)) {
                return Err(format!("user {} names unknown skill {}", user.id, s.id));
            }
            if let Some(l) = user
                .languages
                .iter()
                .find(|l| !self.languages.contains(&l.id))
            {
                return Err(format!("user {} names unknown language {}", user.id, l.id));
            }
        }
        Ok(())
    }

    /// Binds every upload waiting for `conversation_id` now that it exists.
    pub fn bind_waiting_uploads(&mut self, conversation_id: &str) {
        for upload in self.uploads.values_mut() {
            if upload.status == UploadStatus::WaitForConversation
                && upload.conversation_id.as_deref() == Some(conversation_id)
            {
                upload.status = UploadStatus::Success;
                upload.recording_id = Some(crate::ids::new_id());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_org_has_a_home_division_and_the_ten_system_presences() {
        let org = Org::fresh();
        assert!(
            org.divisions
                .get(&org.home_division_id())
                .unwrap()
                .home_division
        );
        let systems = org
            .presence_definitions
            .values()
            .filter(|d| d.kind == "System")
            .count();
        assert_eq!(systems, 10);
    }

    #[test]
    fn a_snapshot_round_trips_through_merge() {
        let mut org = Org::fresh();
        let seed = serde_json::json!({"users": [{"name": "Ann", "email": "ann@x"}]});
        org.merge_snapshot(seed).unwrap();
        let snapshot = serde_json::to_value(&org).unwrap();
        let mut copy = Org::fresh();
        copy.merge_snapshot(snapshot.clone()).unwrap();
        assert_eq!(serde_json::to_value(&copy).unwrap(), snapshot);
        let user = org.users.values().next().unwrap();
        assert_eq!(user.division_id, org.home_division_id());
    }

    #[test]
    fn a_snapshot_naming_an_unknown_skill_is_refused() {
        let mut org = Org::fresh();
        let seed = serde_json::json!({"users": [{"name": "Ann", "email": "ann@x",
            "skills": [{"id": "nope", "proficiency": 1.0}]}]});
        let error = org.merge_snapshot(seed).unwrap_err();
        assert!(error.contains("unknown skill"));
    }
}
