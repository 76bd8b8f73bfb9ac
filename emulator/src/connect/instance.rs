//! The fake's in-memory Connect instance: its own types (the emulator does not depend on exsync),
//! shaped like Connect's objects.

/// A Connect instance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FakeInstance {
    /// the instance id (a UUID)
    pub id: String,
    /// the region its ARNs name
    pub region: String,
    /// users, in list order
    pub users: Vec<FakeUser>,
    /// queues, standard and agent
    pub queues: Vec<FakeQueue>,
    /// routing profiles
    pub routing_profiles: Vec<FakeRoutingProfile>,
    /// agent statuses, every type
    pub agent_statuses: Vec<FakeAgentStatus>,
    /// hierarchy groups; a group's path is its ancestors' ids from the top, then its own
    pub hierarchy_groups: Vec<FakeHierarchyGroup>,
}

/// A user.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FakeUser {
    /// `Id`
    pub id: String,
    /// `Username`
    pub username: String,
    /// `IdentityInfo.FirstName`
    pub first_name: String,
    /// `IdentityInfo.LastName`
    pub last_name: String,
    /// `IdentityInfo.Email`; `None` for a user without one
    pub email: Option<String>,
    /// `RoutingProfileId`
    pub routing_profile_id: String,
    /// `HierarchyGroupId`
    pub hierarchy_group_id: Option<String>,
    /// `ListUserProficiencies`
    pub proficiencies: Vec<FakeProficiency>,
}

/// A user's proficiency.
#[derive(Debug, Clone, PartialEq)]
pub struct FakeProficiency {
    /// `AttributeName`
    pub attribute: String,
    /// `AttributeValue`
    pub value: String,
    /// `Level`
    pub level: f32,
}

/// A queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeQueue {
    /// `Id`
    pub id: String,
    /// `Name` (Connect gives agent queues none)
    pub name: Option<String>,
    /// `QueueType`: `STANDARD` or `AGENT`
    pub queue_type: &'static str,
}

/// A routing profile and its queues, one entry per queue and channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeRoutingProfile {
    /// `Id`
    pub id: String,
    /// `Name`
    pub name: String,
    /// (`QueueId`, `Channel`)
    pub queues: Vec<(String, &'static str)>,
}

/// An agent status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeAgentStatus {
    /// `Id`
    pub id: String,
    /// `Name`
    pub name: String,
    /// `Type`: `ROUTABLE`, `CUSTOM` or `OFFLINE`
    pub status_type: &'static str,
}

/// A hierarchy group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeHierarchyGroup {
    /// `Id`
    pub id: String,
    /// `Name`
    pub name: String,
    /// the ids from level one down to this group
    pub path: Vec<String>,
}

impl FakeInstance {
    /// The ARN of `kind/id` in this instance (`agent/…`, `queue/…`).
    pub fn arn(&self, kind: &str, id: &str) -> String {
        format!(
            "arn:aws:connect:{}:123456789012:instance/{}/{kind}/{id}",
            self.region, self.id
        )
    }

    /// The user with this id.
    pub fn user(&self, id: &str) -> Option<&FakeUser> {
        self.users.iter().find(|u| u.id == id)
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&FakeHierarchyGroup> {
        self.hierarchy_groups.iter().find(|g| g.id == id)
    }

    /// The queue with this id.
    pub fn queue(&self, id: &str) -> Option<&FakeQueue> {
        self.queues.iter().find(|q| q.id == id)
    }
}
