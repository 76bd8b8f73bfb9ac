//! `/api/v2/routing/queues` (with members and wrap-up codes) and `/api/v2/routing/wrapupcodes`.

use reqwest::Method;

use super::error::GenesysError;
use super::http::{Call, GenesysClient};
use super::model::{EntityRef, Queue, QueueMember, QueueWrite, WrapupCode, WrapupCodeWrite};
use super::routing::ROUTING_PAGE_SIZE;
use super::seg;
use crate::deadline::Deadline;

/// `QueueRequest` fields a PUT may carry (the contract's list less the read-only ones).
const QUEUE_WRITABLE_FIELDS: &[&str] = &[
    "name",
    "division",
    "description",
    "mediaSettings",
    "routingRules",
    "conditionalGroupRouting",
    "conditionalGroupActivation",
    "bullseye",
    "scoringMethod",
    "lastAgentRoutingMode",
    "acwSettings",
    "skillEvaluationMethod",
    "memberGroups",
    "queueFlow",
    "emailInQueueFlow",
    "messageInQueueFlow",
    "whisperPrompt",
    "onHoldPrompt",
    "defaultMediaLanguage",
    "autoAnswerOnly",
    "cannedResponseLibraries",
    "enableTranscription",
    "enableAudioMonitoring",
    "enableManualAssignment",
    "agentOwnedRouting",
    "directRouting",
    "callingPartyName",
    "callingPartyNumber",
    "defaultScripts",
    "outboundMessagingAddresses",
    "outboundEmailAddress",
    "peerId",
    "suppressInQueueCallRecording",
];

/// Members (and wrap-up codes) one queue call takes at most.
pub const QUEUE_BATCH_LIMIT: usize = 100;

impl GenesysClient {
    /// Every queue, all pages.
    ///
    /// # Errors
    /// The call's error or a truncated listing.
    pub async fn list_queues(&self, deadline: Deadline) -> Result<Vec<Queue>, GenesysError> {
        self.list_all("/api/v2/routing/queues", &[], ROUTING_PAGE_SIZE, deadline)
            .await
    }

    /// Creates a queue.
    ///
    /// # Errors
    /// The call's error.
    pub async fn create_queue(
        &self,
        body: &QueueWrite,
        deadline: Deadline,
    ) -> Result<Queue, GenesysError> {
        self.send_json(
            Call::new(Method::POST, "/api/v2/routing/queues").json(body)?,
            deadline,
        )
        .await
    }

    /// One queue as Genesys returns it, every field kept (to PUT it back changed).
    ///
    /// # Errors
    /// The call's error.
    pub async fn get_queue_raw(
        &self,
        queue_id: &str,
        deadline: Deadline,
    ) -> Result<serde_json::Value, GenesysError> {
        let path = format!("/api/v2/routing/queues/{}", seg(queue_id));
        self.send_json(Call::new(Method::GET, &path), deadline)
            .await
    }

    /// Changes a queue's name, division and description and keeps every other setting: reads the
    /// queue, replaces those three fields, and PUTs back the writable fields (a PUT resets what it
    /// omits).
    ///
    /// # Errors
    /// The calls' errors.
    pub async fn update_queue_keeping_settings(
        &self,
        queue_id: &str,
        body: &QueueWrite,
        deadline: Deadline,
    ) -> Result<Queue, GenesysError> {
        let current = self.get_queue_raw(queue_id, deadline).await?;
        let mut put = serde_json::Map::new();
        if let Some(fields) = current.as_object() {
            for (k, v) in fields {
                if QUEUE_WRITABLE_FIELDS.contains(&k.as_str()) && !v.is_null() {
                    put.insert(k.clone(), v.clone());
                }
            }
        }
        put.insert("name".into(), body.name.clone().into());
        match &body.division {
            Some(d) => put.insert("division".into(), serde_json::json!({ "id": d.id })),
            None => put.remove("division"),
        };
        match &body.description {
            Some(d) => put.insert("description".into(), d.clone().into()),
            None => put.remove("description"),
        };
        let path = format!("/api/v2/routing/queues/{}", seg(queue_id));
        self.send_json(Call::new(Method::PUT, &path).json(&put)?, deadline)
            .await
    }

    /// Deletes a queue.
    ///
    /// # Errors
    /// The call's error.
    pub async fn delete_queue(
        &self,
        queue_id: &str,
        deadline: Deadline,
    ) -> Result<(), GenesysError> {
        let path = format!("/api/v2/routing/queues/{}", seg(queue_id));
        self.send_unit(Call::new(Method::DELETE, &path), deadline)
            .await
    }

    /// A queue's members, all pages (this listing has no `total`).
    ///
    /// # Errors
    /// The call's error.
    pub async fn list_queue_members(
        &self,
        queue_id: &str,
        deadline: Deadline,
    ) -> Result<Vec<QueueMember>, GenesysError> {
        let path = format!("/api/v2/routing/queues/{}/members", seg(queue_id));
        self.list_all(&path, &[], ROUTING_PAGE_SIZE, deadline).await
    }

    /// Adds (`remove == false`) or removes users as queue members, at most 100 per call.
    ///
    /// # Errors
    /// The call's error.
    pub async fn change_queue_members(
        &self,
        queue_id: &str,
        user_ids: &[String],
        remove: bool,
        deadline: Deadline,
    ) -> Result<(), GenesysError> {
        let path = format!("/api/v2/routing/queues/{}/members", seg(queue_id));
        let body: Vec<EntityRef> = user_ids.iter().map(EntityRef::id).collect();
        let call = Call::new(Method::POST, &path)
            .query("delete", remove)
            .json(&body)?;
        self.send_unit(call, deadline).await
    }

    /// A queue's wrap-up codes, all pages.
    ///
    /// # Errors
    /// The call's error or a truncated listing.
    pub async fn list_queue_wrapup_codes(
        &self,
        queue_id: &str,
        deadline: Deadline,
    ) -> Result<Vec<WrapupCode>, GenesysError> {
        let path = format!("/api/v2/routing/queues/{}/wrapupcodes", seg(queue_id));
        self.list_all(&path, &[], ROUTING_PAGE_SIZE, deadline).await
    }

    /// Adds wrap-up codes to a queue, at most 100 per call.
    ///
    /// # Errors
    /// The call's error.
    pub async fn add_queue_wrapup_codes(
        &self,
        queue_id: &str,
        code_ids: &[String],
        deadline: Deadline,
    ) -> Result<(), GenesysError> {
        let path = format!("/api/v2/routing/queues/{}/wrapupcodes", seg(queue_id));
        let body: Vec<EntityRef> = code_ids.iter().map(EntityRef::id).collect();
        self.send_unit(Call::new(Method::POST, &path).json(&body)?, deadline)
            .await
    }

    /// Removes one wrap-up code from a queue.
    ///
    /// # Errors
    /// The call's error.
    pub async fn remove_queue_wrapup_code(
        &self,
        queue_id: &str,
        code_id: &str,
        deadline: Deadline,
    ) -> Result<(), GenesysError> {
        let path = format!(
            "/api/v2/routing/queues/{}/wrapupcodes/{}",
            seg(queue_id),
            seg(code_id)
        );
        self.send_unit(Call::new(Method::DELETE, &path), deadline)
            .await
    }

    /// Every wrap-up code, all pages.
    ///
    /// # Errors
    /// The call's error or a truncated listing.
    pub async fn list_wrapup_codes(
        &self,
        deadline: Deadline,
    ) -> Result<Vec<WrapupCode>, GenesysError> {
        self.list_all(
            "/api/v2/routing/wrapupcodes",
            &[],
            ROUTING_PAGE_SIZE,
            deadline,
        )
        .await
    }

    /// Creates a wrap-up code.
    ///
    /// # Errors
    /// The call's error.
    pub async fn create_wrapup_code(
        &self,
        body: &WrapupCodeWrite,
        deadline: Deadline,
    ) -> Result<WrapupCode, GenesysError> {
        self.send_json(
            Call::new(Method::POST, "/api/v2/routing/wrapupcodes").json(body)?,
            deadline,
        )
        .await
    }

    /// Replaces a wrap-up code.
    ///
    /// # Errors
    /// The call's error.
    pub async fn update_wrapup_code(
        &self,
        code_id: &str,
        body: &WrapupCodeWrite,
        deadline: Deadline,
    ) -> Result<WrapupCode, GenesysError> {
        let path = format!("/api/v2/routing/wrapupcodes/{}", seg(code_id));
        self.send_json(Call::new(Method::PUT, &path).json(body)?, deadline)
            .await
    }

    /// Deletes a wrap-up code.
    ///
    /// # Errors
    /// The call's error.
    pub async fn delete_wrapup_code(
        &self,
        code_id: &str,
        deadline: Deadline,
    ) -> Result<(), GenesysError> {
        let path = format!("/api/v2/routing/wrapupcodes/{}", seg(code_id));
        self.send_unit(Call::new(Method::DELETE, &path), deadline)
            .await
    }
}
