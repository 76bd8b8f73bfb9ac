//! `POST /api/v2/events/users/presence` and `/events/users/routingstatus`: each valid event is
//! added to the user's timeline in `eventDateTime` order.

use std::collections::HashSet;

use axum::extract::State;
use axum::response::Response;
use serde_json::Value;

use super::{BatchItem, EventError, batch_response, check_shape, event_id, unpack};
use crate::api::common::{live_user, ok};
use crate::app::App;
use crate::error::ApiResult;
use crate::extract::RawBody;
use crate::ids::{now, parse_time};
use crate::state::Org;
use crate::state::presence::system_definition_id;
use crate::state::users::{PresenceRecord, RoutingRecord};

fn text(event: &Value, key: &str) -> String {
    event
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// The event's user (named by `user_key`) and `sourceId`, both known.
fn user_and_source(
    org: &Org,
    event: &Value,
    user_key: &str,
) -> Result<(String, String), EventError> {
    let user_id = text(event, user_key);
    let source_id = text(event, "sourceId");
    if live_user(org, &user_id).is_err() {
        return Err(EventError::permanent(
            event,
            format!("{user_key} {user_id} is not a user"),
        ));
    }
    if !org.presence_sources.contains(&source_id) {
        return Err(EventError::permanent(
            event,
            format!("sourceId {source_id} is not a registered presence source"),
        ));
    }
    Ok((user_id, source_id))
}

fn apply_presence(org: &mut Org, event: &Value) -> Result<(), EventError> {
    let (user_id, source_id) = user_and_source(org, event, "userId")?;
    let definition_id = match event.get("presenceDefinitionId").and_then(Value::as_str) {
        Some(id) => id.to_owned(),
        None => org
            .users
            .get(&user_id)
            .and_then(|u| u.presence_on(&source_id))
            .map(|r| r.presence_definition_id.clone())
            .unwrap_or_else(|| system_definition_id("Offline")),
    };
    let Some(system) = org
        .presence_definitions
        .get(&definition_id)
        .map(|d| d.system_presence.clone())
    else {
        return Err(EventError::permanent(
            event,
            format!("presenceDefinitionId {definition_id} is not a presence definition"),
        ));
    };
    let at = parse_time(&text(event, "eventDateTime")).unwrap_or_else(now);
    if let Some(user) = org.users.get_mut(&user_id) {
        user.record_presence(PresenceRecord {
            event_id: event_id(event),
            event_date_time: at,
            source_id,
            presence_definition_id: definition_id,
            system_presence: system,
            message: event
                .get("message")
                .and_then(Value::as_str)
                .map(str::to_owned),
            received_at: now(),
        });
    }
    Ok(())
}

fn apply_routing(org: &mut Org, event: &Value) -> Result<(), EventError> {
    let (user_id, source_id) = user_and_source(org, event, "agentId")?;
    let at = parse_time(&text(event, "eventDateTime")).unwrap_or_else(now);
    if let Some(user) = org.users.get_mut(&user_id) {
        user.record_routing_status(RoutingRecord {
            event_id: event_id(event),
            event_date_time: at,
            source_id: Some(source_id),
            status: text(event, "status"),
            received_at: now(),
        });
    }
    Ok(())
}

fn run(
    app: &App,
    model: &str,
    body: &Value,
    apply: fn(&mut Org, &Value) -> Result<(), EventError>,
) -> ApiResult<Response> {
    let items: Vec<BatchItem> = unpack(app.contract, model, body, app.config.events_batch_limit)?;
    let mut errors = Vec::new();
    let mut org = app.org();
    let mut seen = HashSet::new();
    for item in &items {
        if let Err(error) = check_shape(app.contract, item) {
            errors.push(error);
            continue;
        }
        let id = event_id(&item.event).unwrap_or_default();
        if org.event_ids.contains(&id) || !seen.insert(id.clone()) {
            continue;
        }
        match apply(&mut org, &item.event) {
            Ok(()) => {
                org.event_ids.insert(id);
            }
            Err(error) => errors.push(error),
        }
    }
    ok(batch_response(&errors))
}

/// `POST /api/v2/events/users/presence`.
pub async fn presence(State(app): State<App>, RawBody(body): RawBody) -> ApiResult<Response> {
    run(&app, "BatchUserPresenceEventRequest", &body, apply_presence)
}

/// `POST /api/v2/events/users/routingstatus`.
pub async fn routing_status(State(app): State<App>, RawBody(body): RawBody) -> ApiResult<Response> {
    run(
        &app,
        "BatchUserRoutingStatusEventRequest",
        &body,
        apply_routing,
    )
}
