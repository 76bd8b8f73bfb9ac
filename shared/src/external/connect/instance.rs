//! What exsync reads from a live Amazon Connect instance's API: plain records, one per Connect
//! object, with the API's own meaning and none of the SDK's types, so that the conversion into a
//! configuration snapshot ([`super::snapshot_from_instance`]) is pure and testable without the
//! SDK. The reader (`crate::connect_api`, feature `connect-api`) fills them.
//!
//! | record | read with |
//! |---|---|
//! | [`ConnectUser`] | `ListUsers`, then `DescribeUser` and `ListUserProficiencies` per user |
//! | [`ConnectQueue`] | `ListQueues` with `queueTypes=STANDARD` (agent queues left out) |
//! | [`RoutingProfile`] | `ListRoutingProfiles`, then `ListRoutingProfileQueues` per profile |
//! | [`AgentStatus`] | `ListAgentStatuses` with `AgentStatusTypes=CUSTOM` |
//! | [`HierarchyGroup`] | `ListUserHierarchyGroups`, then `DescribeUserHierarchyGroup` per group |

/// Everything read from one instance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConnectInstance {
    /// users, in the order `ListUsers` returned them
    pub users: Vec<ConnectUser>,
    /// standard queues
    pub queues: Vec<ConnectQueue>,
    /// routing profiles with their queues
    pub routing_profiles: Vec<RoutingProfile>,
    /// custom agent statuses
    pub agent_statuses: Vec<AgentStatus>,
    /// agent-hierarchy groups with their paths
    pub hierarchy_groups: Vec<HierarchyGroup>,
}

/// A user (`DescribeUser`'s `User`, with its proficiencies).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConnectUser {
    /// `Id`
    pub id: String,
    /// `Username` (the login)
    pub username: String,
    /// `IdentityInfo.FirstName`
    pub first_name: Option<String>,
    /// `IdentityInfo.LastName`
    pub last_name: Option<String>,
    /// `IdentityInfo.Email`; a Connect user may have none
    pub email: Option<String>,
    /// `RoutingProfileId`
    pub routing_profile_id: Option<String>,
    /// `HierarchyGroupId`; none when the user is in no group
    pub hierarchy_group_id: Option<String>,
    /// `ListUserProficiencies`' `UserProficiencyList`
    pub proficiencies: Vec<UserProficiency>,
}

/// One proficiency of a user: a predefined attribute's value and how well.
#[derive(Debug, Clone, PartialEq)]
pub struct UserProficiency {
    /// `AttributeName`: the predefined attribute (`Technology`, `Language`)
    pub attribute: String,
    /// `AttributeValue`: one of its values (`AWS`, `German`)
    pub value: String,
    /// `Level`, 1.0 to 5.0
    pub level: f32,
}

/// A standard queue (`QueueSummary`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConnectQueue {
    /// `Id`
    pub id: String,
    /// `Name`
    pub name: String,
}

/// A routing profile (`RoutingProfileSummary`) and the queues it routes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoutingProfile {
    /// `Id`
    pub id: String,
    /// `Name`
    pub name: String,
    /// `QueueId` of each `RoutingProfileQueueConfigSummary` (one per queue and channel)
    pub queue_ids: Vec<String>,
}

/// A custom agent status (`AgentStatusSummary` of type `CUSTOM`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgentStatus {
    /// `Id`
    pub id: String,
    /// `Name`: what agents pick and what agent events carry
    pub name: String,
}

/// An agent-hierarchy group (`DescribeUserHierarchyGroup`'s `HierarchyGroup`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HierarchyGroup {
    /// `Id`
    pub id: String,
    /// `Name`
    pub name: String,
    /// `HierarchyPath`: `LevelOne`, `LevelTwo`, ... down to the group itself, so its level is the
    /// path's length
    pub path: Vec<GroupRef>,
}

/// A group on a hierarchy path (`HierarchyGroupSummary`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupRef {
    /// `Id`
    pub id: String,
    /// `Name`
    pub name: String,
}
