//! Event injection (`/api/v2/events/*`): batches of at most `events_batch_limit` events, each
//! validated on its own (contract shape, V4 UUID ids, known users, sources, queues, definitions)
//! and answered as `BatchEventResponse{errors:[{eventId, message, retryable}]}`; valid events
//! apply, a duplicate `eventId` is idempotent.

mod apply_conversation;
pub mod conversations;
pub mod users;

use serde_json::{Value, json};

use crate::contract::{Contract, Mode, TypeRef};
use crate::error::{ApiError, ApiResult};
use crate::ids::is_v4_uuid;

/// One event of a batch with the model it must follow.
#[derive(Debug, Clone)]
pub struct BatchItem {
    /// The array it came in (`userEstablishedEvents`, ...).
    pub array: String,
    /// Its model (`UserEstablishedEvent`, ...).
    pub model: String,
    /// The event.
    pub event: Value,
}

/// A per-event error.
#[derive(Debug, Clone)]
pub struct EventError {
    /// The event's id, when it had one.
    pub event_id: Option<String>,
    /// What is wrong.
    pub message: String,
    /// Whether sending it again later can succeed.
    pub retryable: bool,
}

impl EventError {
    /// A permanent error for `event`.
    pub fn permanent(event: &Value, message: impl Into<String>) -> Self {
        EventError {
            event_id: event_id(event),
            message: message.into(),
            retryable: false,
        }
    }

    /// An error that may clear up (e.g. the conversation is not known yet).
    pub fn retryable(event: &Value, message: impl Into<String>) -> Self {
        EventError {
            retryable: true,
            ..Self::permanent(event, message)
        }
    }
}

/// The event's `eventId`, if it is a string.
pub fn event_id(event: &Value) -> Option<String> {
    event
        .get("eventId")
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// `BatchEventResponse`.
pub fn batch_response(errors: &[EventError]) -> Value {
    let errors: Vec<Value> = errors
        .iter()
        .map(|e| {
            let mut out = json!({"message": e.message, "retryable": e.retryable});
            if let Some(id) = &e.event_id {
                out["eventId"] = json!(id);
            }
            out
        })
        .collect();
    json!({ "errors": errors })
}

/// Checks the batch envelope against the body model (only known arrays, arrays of objects, at
/// most `limit` events) and lists its events.
///
/// # Errors
/// 400 naming the offending array when the envelope itself is wrong.
pub fn unpack(
    contract: &Contract,
    body_model: &str,
    body: &Value,
    limit: usize,
) -> ApiResult<Vec<BatchItem>> {
    let object = body
        .as_object()
        .ok_or_else(|| ApiError::bad_field("body", "the body must be a JSON object"))?;
    let model = contract.model(body_model).ok_or_else(|| {
        ApiError::internal(format!("model {body_model} missing from the contract"))
    })?;
    let mut items = Vec::new();
    for (array, value) in object {
        let field = model.fields.get(array).ok_or_else(|| {
            ApiError::bad_field(
                array,
                format!("unrecognized field \"{array}\" (not part of {body_model})"),
            )
        })?;
        let Some(TypeRef::Model(item_model)) = field.type_ref.item() else {
            return Err(ApiError::internal(format!(
                "{body_model}.{array} is not an array of events"
            )));
        };
        if value.is_null() {
            continue;
        }
        let events = value.as_array().ok_or_else(|| {
            ApiError::bad_field(array, format!("field \"{array}\" must be an array"))
        })?;
        items.extend(events.iter().map(|event| BatchItem {
            array: array.clone(),
            model: item_model.clone(),
            event: event.clone(),
        }));
    }
    if items.len() > limit {
        return Err(ApiError::bad_field(
            "body",
            format!(
                "a batch may carry at most {limit} events; this one has {}",
                items.len()
            ),
        ));
    }
    Ok(items)
}

/// Contract shape and V4 ids of one event; `Err` carries the per-event error.
pub fn check_shape(contract: &Contract, item: &BatchItem) -> Result<(), EventError> {
    let violations = contract.validate_model(&item.model, &item.event, Mode::Request);
    if !violations.is_empty() {
        let message = violations
            .iter()
            .map(|v| v.message.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        return Err(EventError::permanent(&item.event, message));
    }
    let Some(object) = item.event.as_object() else {
        return Err(EventError::permanent(
            &item.event,
            "an event must be a JSON object",
        ));
    };
    for (key, value) in object {
        let must_be_v4 = key == "eventId"
            || key == "conversationId"
            || key.ends_with("CommunicationId")
            || key == "communicationId";
        if let (true, Some(text)) = (must_be_v4, value.as_str())
            && !is_v4_uuid(text)
        {
            return Err(EventError::permanent(
                &item.event,
                format!("field \"{key}\" must be a V4 UUID, got \"{text}\""),
            ));
        }
    }
    Ok(())
}
