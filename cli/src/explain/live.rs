//! Reading the object from Genesys now, when credentials are configured. Never fails the
//! command: an error is shown in its place with Genesys's status, code and correlation id.

use exsync::deadline::Deadline;
use exsync::external::ObjectKind;
use exsync::genesys::{GenesysClient, GenesysError};
use serde::Serialize;
use serde_json::Value;

use super::assemble::Target;
use super::model::Live;

/// Reads `target` with `client`; `client` is `Err(why)` when none could be set up.
pub async fn read_live(client: Result<&GenesysClient, &str>, target: &Target) -> Live {
    let client = match (client, target) {
        (_, Target::Nothing(reason)) => {
            return Live::NotRead {
                reason: reason.clone(),
            };
        }
        (Err(why), _) => {
            return Live::NotRead {
                reason: format!("no credentials ({why})"),
            };
        }
        (Ok(client), _) => client,
    };
    let deadline = Deadline::none();
    let read = match target {
        Target::Object(kind, id) => read_object(client, *kind, id, deadline).await,
        Target::Conversation(id) => client
            .get_conversation(id, deadline)
            .await
            .map(|c| c.and_then(|c| serde_json::to_value(c).ok())),
        Target::Recordings(id) => client
            .recording_metadata(id, deadline)
            .await
            .map(|list| serde_json::to_value(list).ok()),
        Target::Nothing(_) => Ok(None),
    };
    match read {
        Ok(Some(object)) => Live::Read { object },
        Ok(None) => Live::NotFound,
        Err(e) if e.is_not_found() => Live::NotFound,
        Err(e) => Live::Failed {
            error: e.to_string(),
            status: e.status(),
            code: e.code().map(str::to_owned),
            correlation_id: e.correlation_id().map(str::to_owned),
        },
    }
}

/// One configuration object: users and queues by id, the others found in their listing.
async fn read_object(
    client: &GenesysClient,
    kind: ObjectKind,
    id: &str,
    deadline: Deadline,
) -> Result<Option<Value>, GenesysError> {
    match kind {
        ObjectKind::Users => {
            Ok(serde_json::to_value(client.get_user(id, false, deadline).await?).ok())
        }
        ObjectKind::Queues => client.get_queue_raw(id, deadline).await.map(Some),
        ObjectKind::Skills => Ok(find(client.list_skills(deadline).await?, id)),
        ObjectKind::Languages => Ok(find(client.list_languages(deadline).await?, id)),
        ObjectKind::WrapupCodes => Ok(find(client.list_wrapup_codes(deadline).await?, id)),
        ObjectKind::Divisions => Ok(find(client.list_divisions(deadline).await?, id)),
        ObjectKind::SecondaryStatuses => {
            Ok(find(client.list_presence_definitions(deadline).await?, id))
        }
    }
}

/// The listed object whose `id` is `id`, as JSON.
fn find<T: Serialize>(objects: Vec<T>, id: &str) -> Option<Value> {
    objects
        .into_iter()
        .filter_map(|o| serde_json::to_value(o).ok())
        .find(|v| v.get("id").and_then(Value::as_str) == Some(id))
}
