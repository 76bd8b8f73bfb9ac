//! The Connect ids inside ARNs: `.../instance/<instance>/agent/<user id>` for an agent,
//! `.../instance/<instance>/queue/<queue id>` for a standard queue and
//! `.../instance/<instance>/queue/agent/<user id>` for an agent's own queue (what a transfer
//! straight to an agent goes through).

/// What a queue ARN points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum QueueRef {
    /// A standard queue, by its Connect queue id.
    Standard(String),
    /// An agent's own queue, by the agent's Connect user id.
    AgentQueue(String),
}

/// The Connect user id of an agent ARN, or `None` if it is not one.
pub(super) fn user_id(arn: &str) -> Option<String> {
    let (_, rest) = arn.split_once(":instance/")?;
    let mut parts = rest.split('/');
    let (_instance, kind, id) = (parts.next()?, parts.next()?, parts.next()?);
    (kind == "agent" && !id.is_empty() && parts.next().is_none()).then(|| id.to_owned())
}

/// The queue a queue ARN points at, or `None` if it is not a queue ARN.
pub(super) fn queue_ref(arn: &str) -> Option<QueueRef> {
    let (_, rest) = arn.split_once(":instance/")?;
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        [_, "queue", "agent", id] if !id.is_empty() => Some(QueueRef::AgentQueue((*id).to_owned())),
        [_, "queue", id] if !id.is_empty() => Some(QueueRef::Standard((*id).to_owned())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INSTANCE: &str = "arn:aws:connect:eu-central-1:111122223333:instance/0a1b2c3d";

    #[test]
    fn an_agent_arn_ends_in_the_user_id() {
        assert_eq!(
            user_id(&format!("{INSTANCE}/agent/u-1")),
            Some("u-1".to_owned())
        );
        assert_eq!(user_id(&format!("{INSTANCE}/queue/q-1")), None);
        assert_eq!(user_id("not an arn"), None);
    }

    #[test]
    fn standard_and_agent_queues_are_told_apart() {
        assert_eq!(
            queue_ref(&format!("{INSTANCE}/queue/q-1")),
            Some(QueueRef::Standard("q-1".to_owned()))
        );
        assert_eq!(
            queue_ref(&format!("{INSTANCE}/queue/agent/u-1")),
            Some(QueueRef::AgentQueue("u-1".to_owned()))
        );
        assert_eq!(queue_ref(&format!("{INSTANCE}/agent/u-1")), None);
    }
}
