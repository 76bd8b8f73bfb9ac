//! Reading a whole instance: every page of every list, then the per-object details, each API
//! paced on its own bucket and the independent reads run concurrently.
//!
//! A user, routing profile or hierarchy group deleted between its list and its details
//! (`ResourceNotFoundException`) is left out, as Connect no longer has it; any other failure
//! (after the SDK's retries) fails the read, so a partial instance is never taken for the whole.

use std::collections::HashSet;
use std::future::Future;

use aws_sdk_connect::types::{AgentStatusType, HierarchyGroupSummary, HierarchyPath, QueueType};
use futures::{StreamExt, TryStreamExt, stream};

use super::error::{ConnectError, code, failed};
use super::pace::{Operation, Pacer};
use crate::external::connect::instance::{
    AgentStatus, ConnectInstance, ConnectQueue, ConnectUser, GroupRef, HierarchyGroup,
    RoutingProfile, UserProficiency,
};

/// Users (or profiles, or groups) whose details are fetched at the same time; the buckets, not
/// this, set the pace.
const IN_FLIGHT: usize = 8;

/// The error code of an object that is gone.
const NOT_FOUND: &str = "ResourceNotFoundException";

/// Pages one list may have before the reader calls it a loop.
const MAX_PAGES: usize = 10_000;

/// One page: its items and the next page's token.
type Page<T> = (Vec<T>, Option<String>);

/// One read of one instance.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    pub(crate) client: aws_sdk_connect::Client,
    pub(crate) instance: &'a str,
    pub(crate) pacer: Pacer,
}

impl Reader<'_> {
    /// Everything config sync needs from the instance.
    pub(crate) async fn instance(&self) -> Result<ConnectInstance, ConnectError> {
        let (users, queues, routing_profiles, agent_statuses, hierarchy_groups) = tokio::try_join!(
            self.users(),
            self.queues(),
            self.routing_profiles(),
            self.agent_statuses(),
            self.hierarchy_groups(),
        )?;
        Ok(ConnectInstance {
            users,
            queues,
            routing_profiles,
            agent_statuses,
            hierarchy_groups,
        })
    }

    /// Every item of every page of `operation`; `page` fetches one page from a token.
    async fn pages<T, F, Fut>(
        &self,
        operation: Operation,
        mut page: F,
    ) -> Result<Vec<T>, ConnectError>
    where
        F: FnMut(Option<String>) -> Fut,
        Fut: Future<Output = Result<Page<T>, ConnectError>>,
    {
        let pages = self.pages_of(operation, |token| {
            let fetched = page(token);
            async move { fetched.await.map(Some) }
        });
        pages
            .await?
            .ok_or_else(|| self.unusable(operation, "the list is gone"))
    }

    /// Every item of every page of a list that belongs to an object (a user's proficiencies);
    /// `None` when `page` finds the object gone.
    async fn pages_of<T, F, Fut>(
        &self,
        operation: Operation,
        mut page: F,
    ) -> Result<Option<Vec<T>>, ConnectError>
    where
        F: FnMut(Option<String>) -> Fut,
        Fut: Future<Output = Result<Option<Page<T>>, ConnectError>>,
    {
        let mut items = Vec::new();
        let mut token = None;
        let mut seen = HashSet::new();
        for _ in 0..MAX_PAGES {
            self.pacer.wait(operation).await;
            let Some((mut batch, next)) = page(token.take()).await? else {
                return Ok(None);
            };
            items.append(&mut batch);
            let Some(next) = next.filter(|t| !t.is_empty()) else {
                return Ok(Some(items));
            };
            if !seen.insert(next.clone()) {
                return Err(self.unusable(operation, "a page token came back twice"));
            }
            token = Some(next);
        }
        Err(self.unusable(operation, &format!("more than {MAX_PAGES} pages")))
    }

    fn unusable(&self, operation: Operation, what: &str) -> ConnectError {
        ConnectError::unusable(operation.name(), self.instance, what.to_owned())
    }

    async fn users(&self) -> Result<Vec<ConnectUser>, ConnectError> {
        let op = Operation::ListUsers;
        let ids = self
            .pages(op, |token| async move {
                let out = self
                    .client
                    .list_users()
                    .instance_id(self.instance)
                    .max_results(op.page_size())
                    .set_next_token(token)
                    .send()
                    .await
                    .map_err(|e| failed(op.name(), self.instance, &e))?;
                let ids = out.user_summary_list().iter().filter_map(|u| u.id());
                Ok((
                    ids.map(str::to_owned).collect(),
                    out.next_token().map(str::to_owned),
                ))
            })
            .await?;
        each(ids, |id| self.user(id)).await
    }

    /// A user's details and proficiencies, read at the same time; `None` when the user is gone.
    async fn user(&self, id: String) -> Result<Option<ConnectUser>, ConnectError> {
        let (user, proficiencies) = tokio::join!(self.describe_user(&id), self.proficiencies(&id));
        match (user?, proficiencies?) {
            (Some(user), Some(proficiencies)) => Ok(Some(ConnectUser {
                proficiencies,
                ..user
            })),
            _ => Ok(None),
        }
    }

    async fn describe_user(&self, id: &str) -> Result<Option<ConnectUser>, ConnectError> {
        let op = Operation::DescribeUser;
        self.pacer.wait(op).await;
        let sent = self
            .client
            .describe_user()
            .instance_id(self.instance)
            .user_id(id)
            .send()
            .await;
        let out = match sent {
            Ok(out) => out,
            Err(e) if code(&e) == Some(NOT_FOUND) => return Ok(None),
            Err(e) => return Err(failed(op.name(), self.instance, &e)),
        };
        let Some(user) = out.user() else {
            return Err(self.unusable(op, &format!("no User in the answer for user {id}")));
        };
        let identity = user.identity_info();
        let text = |value: Option<&str>| value.map(str::to_owned);
        Ok(Some(ConnectUser {
            id: user.id().unwrap_or(id).to_owned(),
            username: user.username().unwrap_or_default().to_owned(),
            first_name: text(identity.and_then(|i| i.first_name())),
            last_name: text(identity.and_then(|i| i.last_name())),
            email: text(identity.and_then(|i| i.email())),
            routing_profile_id: text(user.routing_profile_id()),
            hierarchy_group_id: text(user.hierarchy_group_id()),
            proficiencies: Vec::new(),
        }))
    }

    /// Every proficiency of user `id`; `None` when the user is gone.
    async fn proficiencies(&self, id: &str) -> Result<Option<Vec<UserProficiency>>, ConnectError> {
        let op = Operation::ListUserProficiencies;
        self.pages_of(op, |token| async move {
            let sent = self
                .client
                .list_user_proficiencies()
                .instance_id(self.instance)
                .user_id(id)
                .max_results(op.page_size())
                .set_next_token(token)
                .send()
                .await;
            let out = match sent {
                Ok(out) => out,
                Err(e) if code(&e) == Some(NOT_FOUND) => return Ok(None),
                Err(e) => return Err(failed(op.name(), self.instance, &e)),
            };
            let list = out.user_proficiency_list().iter().map(|p| UserProficiency {
                attribute: p.attribute_name().to_owned(),
                value: p.attribute_value().to_owned(),
                level: p.level(),
            });
            Ok(Some((list.collect(), out.next_token().map(str::to_owned))))
        })
        .await
    }

    async fn queues(&self) -> Result<Vec<ConnectQueue>, ConnectError> {
        let op = Operation::ListQueues;
        self.pages(op, |token| async move {
            let out = self
                .client
                .list_queues()
                .instance_id(self.instance)
                .queue_types(QueueType::Standard)
                .max_results(op.page_size())
                .set_next_token(token)
                .send()
                .await
                .map_err(|e| failed(op.name(), self.instance, &e))?;
            let queues = out
                .queue_summary_list()
                .iter()
                .filter(|q| matches!(q.queue_type(), None | Some(QueueType::Standard)))
                .filter_map(|q| {
                    Some(ConnectQueue {
                        id: q.id()?.to_owned(),
                        name: q.name().unwrap_or_default().to_owned(),
                    })
                });
            Ok((queues.collect(), out.next_token().map(str::to_owned)))
        })
        .await
    }

    async fn routing_profiles(&self) -> Result<Vec<RoutingProfile>, ConnectError> {
        let op = Operation::ListRoutingProfiles;
        let summaries = self
            .pages(op, |token| async move {
                let out = self
                    .client
                    .list_routing_profiles()
                    .instance_id(self.instance)
                    .max_results(op.page_size())
                    .set_next_token(token)
                    .send()
                    .await
                    .map_err(|e| failed(op.name(), self.instance, &e))?;
                let profiles = out.routing_profile_summary_list().iter().filter_map(|p| {
                    Some(RoutingProfile {
                        id: p.id()?.to_owned(),
                        name: p.name().unwrap_or_default().to_owned(),
                        queue_ids: Vec::new(),
                    })
                });
                Ok((profiles.collect(), out.next_token().map(str::to_owned)))
            })
            .await?;
        each(summaries, |p| self.profile_queues(p)).await
    }

    /// `profile` with its queues; `None` when the profile is gone.
    async fn profile_queues(
        &self,
        profile: RoutingProfile,
    ) -> Result<Option<RoutingProfile>, ConnectError> {
        let op = Operation::ListRoutingProfileQueues;
        let id = profile.id.as_str();
        let queue_ids = self
            .pages_of(op, |token| async move {
                let sent = self
                    .client
                    .list_routing_profile_queues()
                    .instance_id(self.instance)
                    .routing_profile_id(id)
                    .max_results(op.page_size())
                    .set_next_token(token)
                    .send()
                    .await;
                let out = match sent {
                    Ok(out) => out,
                    Err(e) if code(&e) == Some(NOT_FOUND) => return Ok(None),
                    Err(e) => return Err(failed(op.name(), self.instance, &e)),
                };
                let list = out.routing_profile_queue_config_summary_list().iter();
                let ids = list.map(|q| q.queue_id().to_owned());
                Ok(Some((ids.collect(), out.next_token().map(str::to_owned))))
            })
            .await?;
        Ok(queue_ids.map(|queue_ids| RoutingProfile {
            queue_ids,
            ..profile
        }))
    }

    async fn agent_statuses(&self) -> Result<Vec<AgentStatus>, ConnectError> {
        let op = Operation::ListAgentStatuses;
        self.pages(op, |token| async move {
            let out = self
                .client
                .list_agent_statuses()
                .instance_id(self.instance)
                .agent_status_types(AgentStatusType::Custom)
                .max_results(op.page_size())
                .set_next_token(token)
                .send()
                .await
                .map_err(|e| failed(op.name(), self.instance, &e))?;
            let statuses = out
                .agent_status_summary_list()
                .iter()
                .filter(|s| matches!(s.r#type(), None | Some(AgentStatusType::Custom)))
                .filter_map(|s| {
                    Some(AgentStatus {
                        id: s.id()?.to_owned(),
                        name: s.name().unwrap_or_default().to_owned(),
                    })
                });
            Ok((statuses.collect(), out.next_token().map(str::to_owned)))
        })
        .await
    }

    async fn hierarchy_groups(&self) -> Result<Vec<HierarchyGroup>, ConnectError> {
        let op = Operation::ListUserHierarchyGroups;
        let ids = self
            .pages(op, |token| async move {
                let out = self
                    .client
                    .list_user_hierarchy_groups()
                    .instance_id(self.instance)
                    .max_results(op.page_size())
                    .set_next_token(token)
                    .send()
                    .await
                    .map_err(|e| failed(op.name(), self.instance, &e))?;
                let list = out.user_hierarchy_group_summary_list().iter();
                let ids = list.filter_map(|g| g.id().map(str::to_owned));
                Ok((ids.collect(), out.next_token().map(str::to_owned)))
            })
            .await?;
        each(ids, |id| self.describe_group(id)).await
    }

    /// A group with its path; `None` when the group is gone.
    async fn describe_group(&self, id: String) -> Result<Option<HierarchyGroup>, ConnectError> {
        let op = Operation::DescribeUserHierarchyGroup;
        self.pacer.wait(op).await;
        let sent = self
            .client
            .describe_user_hierarchy_group()
            .instance_id(self.instance)
            .hierarchy_group_id(&id)
            .send()
            .await;
        let out = match sent {
            Ok(out) => out,
            Err(e) if code(&e) == Some(NOT_FOUND) => return Ok(None),
            Err(e) => return Err(failed(op.name(), self.instance, &e)),
        };
        let Some(group) = out.hierarchy_group() else {
            return Err(self.unusable(
                op,
                &format!("no HierarchyGroup in the answer for group {id}"),
            ));
        };
        Ok(Some(HierarchyGroup {
            id: group.id().unwrap_or(&id).to_owned(),
            name: group.name().unwrap_or_default().to_owned(),
            path: group.hierarchy_path().map(path).unwrap_or_default(),
        }))
    }
}

/// `detail` of every item, [`IN_FLIGHT`] at a time, in the items' order; those found gone left out.
async fn each<I, T, F, Fut>(items: Vec<I>, detail: F) -> Result<Vec<T>, ConnectError>
where
    F: FnMut(I) -> Fut,
    Fut: Future<Output = Result<Option<T>, ConnectError>>,
{
    let found: Vec<Option<T>> = stream::iter(items)
        .map(detail)
        .buffered(IN_FLIGHT)
        .try_collect()
        .await?;
    Ok(found.into_iter().flatten().collect())
}

/// `LevelOne`, `LevelTwo`, ... up to the first level missing.
fn path(path: &HierarchyPath) -> Vec<GroupRef> {
    let levels: [Option<&HierarchyGroupSummary>; 5] = [
        path.level_one(),
        path.level_two(),
        path.level_three(),
        path.level_four(),
        path.level_five(),
    ];
    levels
        .into_iter()
        .map_while(|level| {
            let level = level?;
            Some(GroupRef {
                id: level.id()?.to_owned(),
                name: level.name().unwrap_or_default().to_owned(),
            })
        })
        .collect()
}
