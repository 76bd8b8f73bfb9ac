//! The response members of each operation, built from the instance with the member names of the
//! Connect API model (`UserSummaryList[].Id`, `User.IdentityInfo.Email`, ...).

use serde_json::{Value, json};

use super::instance::FakeInstance;

/// A fixed modification time and region, as list answers carry them.
const MODIFIED: f64 = 1_764_000_000.0;
const REGION: &str = "eu-central-1";

/// `LastModifiedTime` and `LastModifiedRegion`, for the answers that carry them at the top.
pub(crate) fn modified() -> Value {
    json!({"LastModifiedTime": MODIFIED, "LastModifiedRegion": REGION})
}

pub(crate) fn user_summaries(instance: &FakeInstance) -> Vec<Value> {
    instance
        .users
        .iter()
        .map(|u| {
            json!({
                "Id": u.id, "Arn": instance.arn("agent", &u.id), "Username": u.username,
                "LastModifiedTime": MODIFIED, "LastModifiedRegion": REGION,
            })
        })
        .collect()
}

pub(crate) fn user(instance: &FakeInstance, id: &str) -> Option<Value> {
    let u = instance.user(id)?;
    let mut identity = json!({"FirstName": u.first_name, "LastName": u.last_name});
    if let (Some(email), Some(identity)) = (&u.email, identity.as_object_mut()) {
        identity.insert("Email".into(), Value::String(email.clone()));
    }
    let mut user = json!({
        "Id": u.id, "Arn": instance.arn("agent", &u.id), "Username": u.username,
        "IdentityInfo": identity,
        "PhoneConfig": {"PhoneType": "SOFT_PHONE", "AutoAccept": false, "AfterContactWorkTimeLimit": 0},
        "SecurityProfileIds": ["security-profile-agent"],
        "RoutingProfileId": u.routing_profile_id,
        "Tags": {},
        "LastModifiedTime": MODIFIED, "LastModifiedRegion": REGION,
    });
    if let (Some(group), Some(user)) = (&u.hierarchy_group_id, user.as_object_mut()) {
        user.insert("HierarchyGroupId".into(), Value::String(group.clone()));
    }
    Some(user)
}

pub(crate) fn proficiencies(instance: &FakeInstance, user: &str) -> Option<Vec<Value>> {
    let u = instance.user(user)?;
    Some(
        u.proficiencies
            .iter()
            .map(|p| json!({"AttributeName": p.attribute, "AttributeValue": p.value, "Level": p.level}))
            .collect(),
    )
}

/// The queues of the types `filters` names (all without a filter).
pub(crate) fn queues(instance: &FakeInstance, filters: &[String]) -> Vec<Value> {
    instance
        .queues
        .iter()
        .filter(|q| filters.is_empty() || filters.iter().any(|f| f == q.queue_type))
        .map(|q| {
            let mut summary = json!({
                "Id": q.id, "Arn": instance.arn("queue", &q.id), "QueueType": q.queue_type,
                "LastModifiedTime": MODIFIED, "LastModifiedRegion": REGION,
            });
            if let (Some(name), Some(summary)) = (&q.name, summary.as_object_mut()) {
                summary.insert("Name".into(), Value::String(name.clone()));
            }
            summary
        })
        .collect()
}

pub(crate) fn profiles(instance: &FakeInstance) -> Vec<Value> {
    instance
        .routing_profiles
        .iter()
        .map(|p| {
            json!({
                "Id": p.id, "Arn": instance.arn("routing-profile", &p.id), "Name": p.name,
                "LastModifiedTime": MODIFIED, "LastModifiedRegion": REGION,
            })
        })
        .collect()
}

pub(crate) fn profile_queues(instance: &FakeInstance, profile: &str) -> Option<Vec<Value>> {
    let p = instance.routing_profiles.iter().find(|p| p.id == profile)?;
    Some(
        p.queues
            .iter()
            .map(|(queue, channel)| {
                let name = instance
                    .queue(queue)
                    .and_then(|q| q.name.clone())
                    .unwrap_or_default();
                json!({
                    "QueueId": queue, "QueueArn": instance.arn("queue", queue), "QueueName": name,
                    "Priority": 1, "Delay": 0, "Channel": channel,
                })
            })
            .collect(),
    )
}

/// The agent statuses of the types `filters` names (all without a filter).
pub(crate) fn statuses(instance: &FakeInstance, filters: &[String]) -> Vec<Value> {
    instance
        .agent_statuses
        .iter()
        .filter(|s| filters.is_empty() || filters.iter().any(|f| f == s.status_type))
        .map(|s| {
            json!({
                "Id": s.id, "Arn": instance.arn("agent-state", &s.id), "Name": s.name,
                "Type": s.status_type, "LastModifiedTime": MODIFIED, "LastModifiedRegion": REGION,
            })
        })
        .collect()
}

pub(crate) fn group_summaries(instance: &FakeInstance) -> Vec<Value> {
    instance
        .hierarchy_groups
        .iter()
        .map(|g| {
            json!({
                "Id": g.id, "Arn": instance.arn("agent-group", &g.id), "Name": g.name,
                "LastModifiedTime": MODIFIED, "LastModifiedRegion": REGION,
            })
        })
        .collect()
}

pub(crate) fn group(instance: &FakeInstance, id: &str) -> Option<Value> {
    let g = instance.group(id)?;
    let levels = [
        "LevelOne",
        "LevelTwo",
        "LevelThree",
        "LevelFour",
        "LevelFive",
    ];
    let path: serde_json::Map<String, Value> = levels
        .iter()
        .zip(&g.path)
        .filter_map(|(level, id)| {
            let group = instance.group(id)?;
            let summary = json!({"Id": group.id, "Arn": instance.arn("agent-group", &group.id), "Name": group.name});
            Some(((*level).to_owned(), summary))
        })
        .collect();
    Some(json!({
        "Id": g.id, "Arn": instance.arn("agent-group", &g.id), "Name": g.name,
        "LevelId": g.path.len().to_string(), "HierarchyPath": path, "Tags": {},
        "LastModifiedTime": MODIFIED, "LastModifiedRegion": REGION,
    }))
}
