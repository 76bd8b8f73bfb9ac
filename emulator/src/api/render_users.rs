//! Rendering users and their presence and routing status as contract-shaped JSON (`User`,
//! `UserPresence`, `RoutingStatus`, `UserRoutingSkill`, ...).

use serde_json::{Map, Value, json};

use crate::ids::fmt_time;
use crate::state::Org;
use crate::state::presence::{NATIVE_SOURCE_ID, system_definition_id};
use crate::state::users::{User, routing_status_to_resource};

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
                let source = primary_source(org, user);
                out.insert("presence".into(), presence_json(org, user, &source));
            }
            "skills" => {
                out.insert("skills".into(), Value::Array(user_skills(org, user)));
            }
            "languages" => {
                out.insert("languages".into(), Value::Array(user_languages(org, user)));
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

/// `UserRoutingSkill` entries.
pub fn user_skills(org: &Org, user: &User) -> Vec<Value> {
    user.skills
        .iter()
        .map(|s| {
            json!({
                "id": s.id,
                "name": org.skills.get(&s.id).map(|k| k.name.clone()).unwrap_or_default(),
                "proficiency": s.proficiency,
                "state": "active",
                "skillUri": format!("/api/v2/routing/skills/{}", s.id),
                "selfUri": format!("/api/v2/users/{}/routingskills/{}", user.id, s.id),
            })
        })
        .collect()
}

/// `UserRoutingLanguage` entries.
pub fn user_languages(org: &Org, user: &User) -> Vec<Value> {
    user.languages
        .iter()
        .map(|l| {
            json!({
                "id": l.id,
                "name": org.languages.get(&l.id).map(|k| k.name.clone()).unwrap_or_default(),
                "proficiency": l.proficiency,
                "state": "active",
                "languageUri": format!("/api/v2/routing/languages/{}", l.id),
                "selfUri": format!("/api/v2/users/{}/routinglanguages/{}", user.id, l.id),
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

/// The source that is primary for this user: their own, else the org default, else native.
pub fn primary_source(org: &Org, user: &User) -> String {
    user.primary_source_id
        .clone()
        .or_else(|| {
            org.presence_settings
                .default_primary_presence_registered_source_id
                .clone()
        })
        .unwrap_or_else(|| NATIVE_SOURCE_ID.to_owned())
}

/// A `UserPresence` of a user on one source (Offline since creation when nothing was set).
pub fn presence_json(org: &Org, user: &User, source_id: &str) -> Value {
    let source_name = org
        .presence_sources
        .get(source_id)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| source_id.to_owned());
    let (definition_id, system, message, modified) = match user.presence_on(source_id) {
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
        "primary": primary_source(org, user) == source_id,
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
