//! `POST /api/v2/events/conversations`: events of all arrays are validated, ordered by
//! `eventDateTime` (established events first at equal times) and applied to the conversations.

use std::collections::HashSet;

use axum::extract::State;
use axum::response::Response;

use super::apply_conversation::apply;
use super::{batch_response, check_shape, event_id, unpack};
use crate::api::common::ok;
use crate::app::App;
use crate::error::ApiResult;
use crate::extract::RawBody;
use crate::ids::parse_time;

/// `POST /api/v2/events/conversations`.
pub async fn post(State(app): State<App>, RawBody(body): RawBody) -> ApiResult<Response> {
    let items = unpack(
        app.contract,
        "BatchConversationEventRequest",
        &body,
        app.config.events_batch_limit,
    )?;
    let mut errors = Vec::new();
    let mut valid = Vec::new();
    for item in items {
        match check_shape(app.contract, &item) {
            Ok(()) => valid.push(item),
            Err(error) => errors.push(error),
        }
    }
    valid.sort_by_key(|item| {
        let at = item
            .event
            .get("eventDateTime")
            .and_then(|v| v.as_str())
            .and_then(parse_time);
        (at, !item.array.contains("Established"))
    });
    let mut org = app.org();
    let mut seen = HashSet::new();
    for item in &valid {
        let id = event_id(&item.event).unwrap_or_default();
        if org.event_ids.contains(&id) || !seen.insert(id.clone()) {
            continue;
        }
        match apply(&mut org, item) {
            Ok(()) => {
                org.event_ids.insert(id);
            }
            Err(error) => errors.push(error),
        }
    }
    ok(batch_response(&errors))
}
