//! Rendering users and their presence and routing status as contract-shaped JSON (`User`,
//! `UserPresence`, `RoutingStatus`, `UserRoutingSkill`, ...).

use serde_json::{Map, Value, json};

use crate::ids::fmt_time;
use crate::state::Org;
use crate::state::entities::LifeState;
use crate::state::presence::{NATIVE_SOURCE_ID, system_definition_id};
use crate::state::users::{Proficiency, User, routing_status_to_resource};

/// Profile fields accepted on create/update and returned on the user as they were sent.
pub const PROFILE_KEYS: [&str; 13] = [
    "department",
    "title",
    "preferredName",
    "addresses",
    "images",
    "certifications",
    "biography",
    "employerInfo",
    "acdAutoAnswer",
    "profileSkills",
    "locations",
    "groups",
    "chat",
];

/// `{id, name, selfUri}` of a division.
pub fn division_ref(org: &Org, id: &str) -> Value {
    json!({
        "id": id,
        "name": org.division_name(id).unwrap_or_default(),
        "selfUri": format!("/api/v2/authorization/divisions/{id}"),
    })
}

/// A `User`, with the requested expansions.
pub fn user_json(org: &Org, user: &User, expand: &[String]) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), json!(user.id));
    out.insert("name".into(), json!(user.name));
    out.insert("division".into(), division_ref(org, &user.division_id));
    out.insert("email".into(), json!(user.email));
    out.insert("username".into(), json!(user.email));
    out.insert("state".into(), json!(user.state.as_str()));
    out.insert("version".into(), json!(user.version));
    out.insert(
        "primaryContactInfo".into(),
        json!([{"address": user.email, "mediaType": "EMAIL", "type": "PRIMARY"}]),
    );
    for (key, value) in &user.profile {
        if PROFILE_KEYS.contains(&key.as_str()) {
            out.insert(key.clone(), value.clone());
        }
    }
    if let Some(manager) = &user.manager_id {
        out.insert(
            "manager".into(),
            json!({"id": manager, "selfUri": format!("/api/v2/users/{manager}")}),
        );
    }
    for field in expand {
        match field.as_str() {
            "routingStatus" => {
                out.insert("routingStatus".into(), routing_status_json(user));
            }
            "presence" => {
                out.insert("presence".into(), presence_json(org, user));
            }
            "skills" => {
                let skills = proficiencies_json(org, user, Ability::Skill);
                out.insert("skills".into(), Value::Array(skills));
            }
            "languages" => {
                let languages = proficiencies_json(org, user, Ability::Language);
                out.insert("languages".into(), Value::Array(languages));
            }
            _ => {}
        }
    }
    out.insert(
        "selfUri".into(),
        json!(format!("/api/v2/users/{}", user.id)),
    );
    Value::Object(out)
}

/// What a user holds with a proficiency: ACD skills or ACD languages.
#[derive(Debug, Clone, Copy)]
pub enum Ability {
    /// `routingskills`.
    Skill,
    /// `routinglanguages`.
    Language,
}

impl Ability {
    /// The user's entries of this kind.
    pub fn held(self, user: &User) -> &Vec<Proficiency> {
        match self {
            Ability::Skill => &user.skills,
            Ability::Language => &user.languages,
        }
    }

    /// The user's entries of this kind, mutably.
    pub fn held_mut(self, user: &mut User) -> &mut Vec<Proficiency> {
        match self {
            Ability::Skill => &mut user.skills,
            Ability::Language => &mut user.languages,
        }
    }

    /// The name and state of the skill or language with this id.
    pub fn object(self, org: &Org, id: &str) -> Option<(String, LifeState)> {
        match self {
            Ability::Skill => org.skills.get(id).map(|s| (s.name.clone(), s.state)),
            Ability::Language => org.languages.get(id).map(|l| (l.name.clone(), l.state)),
        }
    }

    /// The collection segment under `/routing/`, the user sub-path and the entry's URI field.
    fn paths(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Ability::Skill => ("skills", "routingskills", "skillUri"),
            Ability::Language => ("languages", "routinglanguages", "languageUri"),
        }
    }

    /// The user's listing path (`/api/v2/users/{id}/routingskills`).
    pub fn user_path(self, user_id: &str) -> String {
        format!("/api/v2/users/{user_id}/{}", self.paths().1)
    }
}

/// `UserRoutingSkill` or `UserRoutingLanguage` entries.
pub fn proficiencies_json(org: &Org, user: &User, ability: Ability) -> Vec<Value> {
    let (objects, _, uri_field) = ability.paths();
    ability
        .held(user)
        .iter()
        .map(|p| {
            let name = ability.object(org, &p.id).map(|(name, _)| name);
            json!({
                "id": p.id,
                "name": name.unwrap_or_default(),
                "proficiency": p.proficiency,
                "state": "active",
                uri_field: format!("/api/v2/routing/{objects}/{}", p.id),
                "selfUri": format!("{}/{}", ability.user_path(&user.id), p.id),
            })
        })
        .collect()
}

/// `RoutingStatus` of a user (OFF_QUEUE since creation when nothing was reported).
pub fn routing_status_json(user: &User) -> Value {
    match user.routing_status() {
        Some(record) => json!({
            "userId": user.id,
            "status": routing_status_to_resource(&record.status),
            "startTime": fmt_time(&record.event_date_time),
        }),
        None => json!({
            "userId": user.id,
            "status": "OFF_QUEUE",
            "startTime": fmt_time(&user.date_created),
        }),
    }
}

/// A `UserPresence` of a user on the primary source, which is the org default, else native
/// (Offline since creation when nothing was set).
fn presence_json(org: &Org, user: &User) -> Value {
    let source_id = org
        .presence_settings
        .default_primary_presence_registered_source_id
        .clone()
        .unwrap_or_else(|| NATIVE_SOURCE_ID.to_owned());
    let source_name = org
        .presence_sources
        .get(&source_id)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| source_id.to_owned());
    let (definition_id, system, message, modified) = match user.presence_on(&source_id) {
        Some(r) => (
            r.presence_definition_id.clone(),
            r.system_presence.clone(),
            r.message.clone(),
            r.event_date_time,
        ),
        None => (
            system_definition_id("Offline"),
            "Offline".to_owned(),
            None,
            user.date_created,
        ),
    };
    let mut out = json!({
        "id": source_id,
        "source": source_name,
        "sourceId": source_id,
        "primary": true,
        "presenceDefinition": {
            "id": definition_id,
            "systemPresence": system,
            "selfUri": format!("/api/v2/presence/definitions/{definition_id}"),
        },
        "modifiedDate": fmt_time(&modified),
        "selfUri": format!("/api/v2/users/{}/presences/{source_id}", user.id),
    });
    if let (Some(text), Some(object)) = (message, out.as_object_mut()) {
        object.insert("message".into(), json!(text));
    }
    out
}
