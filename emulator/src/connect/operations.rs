//! The Connect API operations the fake serves, as the Connect API model (`connect-2017-08-08`,
//! the model `aws-sdk-connect` is generated from) and the API reference define them. Vendored
//! here as a small table: what the fake checks on each request. Response shapes are not in the
//! table: the SDK's own deserialisation, run by the tests through the reader, checks them.
//!
//! | operation | method and path | query parameters | `maxResults` |
//! |---|---|---|---|
//! | ListUsers | `GET /users-summary/{InstanceId}` | `nextToken`, `maxResults` | 1–1000 |
//! | DescribeUser | `GET /users/{InstanceId}/{UserId}` | none | |
//! | ListUserProficiencies | `GET /users/{InstanceId}/{UserId}/proficiencies` | `nextToken`, `maxResults` | 1–100 |
//! | ListQueues | `GET /queues-summary/{InstanceId}` | `queueTypes` (repeated: `STANDARD`, `AGENT`), `nextToken`, `maxResults` | 1–1000 |
//! | ListRoutingProfiles | `GET /routing-profiles-summary/{InstanceId}` | `nextToken`, `maxResults` | 1–1000 |
//! | ListRoutingProfileQueues | `GET /routing-profiles/{InstanceId}/{RoutingProfileId}/queues` | `nextToken`, `maxResults` | 1–100 |
//! | ListAgentStatuses | `GET /agent-status/{InstanceId}` | `nextToken`, `maxResults`, `AgentStatusTypes` (repeated: `ROUTABLE`, `CUSTOM`, `OFFLINE`) | 1–1000 |
//! | ListUserHierarchyGroups | `GET /user-hierarchy-groups-summary/{InstanceId}` | `nextToken`, `maxResults` | 1–1000 |
//! | DescribeUserHierarchyGroup | `GET /user-hierarchy-groups/{InstanceId}/{HierarchyGroupId}` | none | |
//!
//! Every request must carry a SigV4 `Authorization` header. Errors are restJson1: the status, an
//! `x-amzn-ErrorType` header naming the error, and `{"Message": …}`: 400
//! `InvalidParameterException` (unknown parameter, `maxResults` out of range, a bad token or
//! filter value), 403 `AccessDeniedException` (unsigned), 404 `ResourceNotFoundException`,
//! 429 `ThrottlingException` or `TooManyRequestsException` (or no type at all, for a bare 429).

/// One operation the fake serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Operation {
    /// `ListUsers`
    ListUsers,
    /// `DescribeUser`
    DescribeUser,
    /// `ListUserProficiencies`
    ListUserProficiencies,
    /// `ListQueues`
    ListQueues,
    /// `ListRoutingProfiles`
    ListRoutingProfiles,
    /// `ListRoutingProfileQueues`
    ListRoutingProfileQueues,
    /// `ListAgentStatuses`
    ListAgentStatuses,
    /// `ListUserHierarchyGroups`
    ListUserHierarchyGroups,
    /// `DescribeUserHierarchyGroup`
    DescribeUserHierarchyGroup,
}

impl Operation {
    /// Every operation.
    pub const ALL: [Self; 9] = [
        Self::ListUsers,
        Self::DescribeUser,
        Self::ListUserProficiencies,
        Self::ListQueues,
        Self::ListRoutingProfiles,
        Self::ListRoutingProfileQueues,
        Self::ListAgentStatuses,
        Self::ListUserHierarchyGroups,
        Self::DescribeUserHierarchyGroup,
    ];

    /// The model's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::ListUsers => "ListUsers",
            Self::DescribeUser => "DescribeUser",
            Self::ListUserProficiencies => "ListUserProficiencies",
            Self::ListQueues => "ListQueues",
            Self::ListRoutingProfiles => "ListRoutingProfiles",
            Self::ListRoutingProfileQueues => "ListRoutingProfileQueues",
            Self::ListAgentStatuses => "ListAgentStatuses",
            Self::ListUserHierarchyGroups => "ListUserHierarchyGroups",
            Self::DescribeUserHierarchyGroup => "DescribeUserHierarchyGroup",
        }
    }

    /// The route it is served on: the model's path, its labels as the model names them.
    pub fn path(self) -> &'static str {
        match self {
            Self::ListUsers => "/users-summary/{InstanceId}",
            Self::DescribeUser => "/users/{InstanceId}/{UserId}",
            Self::ListUserProficiencies => "/users/{InstanceId}/{UserId}/proficiencies",
            Self::ListQueues => "/queues-summary/{InstanceId}",
            Self::ListRoutingProfiles => "/routing-profiles-summary/{InstanceId}",
            Self::ListRoutingProfileQueues => {
                "/routing-profiles/{InstanceId}/{RoutingProfileId}/queues"
            }
            Self::ListAgentStatuses => "/agent-status/{InstanceId}",
            Self::ListUserHierarchyGroups => "/user-hierarchy-groups-summary/{InstanceId}",
            Self::DescribeUserHierarchyGroup => {
                "/user-hierarchy-groups/{InstanceId}/{HierarchyGroupId}"
            }
        }
    }

    /// The query parameters the operation takes.
    pub fn query_parameters(self) -> &'static [&'static str] {
        match self {
            Self::DescribeUser | Self::DescribeUserHierarchyGroup => &[],
            Self::ListQueues => &["queueTypes", "nextToken", "maxResults"],
            Self::ListAgentStatuses => &["nextToken", "maxResults", "AgentStatusTypes"],
            _ => &["nextToken", "maxResults"],
        }
    }

    /// The largest `maxResults` the operation accepts (`None`: not a list).
    pub fn max_results(self) -> Option<usize> {
        match self {
            Self::DescribeUser | Self::DescribeUserHierarchyGroup => None,
            Self::ListUserProficiencies | Self::ListRoutingProfileQueues => Some(100),
            _ => Some(1000),
        }
    }

    /// The values a repeated filter parameter accepts.
    pub fn filter_values(parameter: &str) -> Option<&'static [&'static str]> {
        match parameter {
            "queueTypes" => Some(&["STANDARD", "AGENT"]),
            "AgentStatusTypes" => Some(&["ROUTABLE", "CUSTOM", "OFFLINE"]),
            _ => None,
        }
    }
}
