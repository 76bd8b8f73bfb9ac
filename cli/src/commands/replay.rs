//! `exsync replay --from-dead-letters <kind> [--since T] [--queue-url URL] [--dry-run]`:
//! re-submits the dead letters of one kind after an operator fixed their cause (the mapping,
//! the configuration, a missing agent), and moves each one sent to
//! `dead-letters/<kind>/replayed/` so a second replay does not send it again.
//!
//! Agent-state and interaction letters go back to `--queue-url` in the order their messages
//! were first sent; recordings are re-dropped in the inbound bucket (see [`crate::ops::resubmit`]
//! for both). Prints one row per letter (key, reason, result); exits 1 when any failed.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use exsync::store::keys;

use super::Status;
use crate::ops::aws::{aws_settings, open_store, s3_client, sqs_client};
use crate::ops::dead_letters::{self, Kind, Letter, mark_replayed, parse_since};
use crate::ops::resubmit::{self, note, outgoing, recording_object};
use crate::render::Table;

/// Arguments of `replay`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which dead letters: agent-state, interactions or recordings.
    #[arg(long = "from-dead-letters", value_name = "KIND", value_enum)]
    pub kind: Kind,
    /// Only letters dead-lettered at or after this time (RFC 3339, or YYYY-MM-DD for midnight UTC).
    #[arg(long, value_name = "TIME", value_parser = parse_since)]
    pub since: Option<DateTime<Utc>>,
    /// The queue to send to (agent-state, interactions); a FIFO queue's URL ends in `.fifo`.
    #[arg(long, value_name = "URL", required_if_eq_any = [("kind", "agent-state"), ("kind", "interactions")])]
    pub queue_url: Option<String>,
    /// List what would be re-submitted; send and move nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The state store (overrides EXSYNC_STATE_URL): s3://bucket/prefix, file:///path or a
    /// directory.
    #[arg(long, value_name = "URL")]
    pub state_url: Option<String>,
}

/// Where letters go.
enum Target {
    Queue {
        sqs: aws_sdk_sqs::Client,
        url: String,
    },
    Bucket(aws_sdk_s3::Client),
}

/// One letter's result.
struct Row {
    key: String,
    reason: String,
    result: Result<String, String>,
}

/// Lists, re-submits, moves, prints.
///
/// # Errors
/// No state store, or the store cannot be listed or read.
pub async fn run(args: &Args) -> anyhow::Result<Status> {
    let aws = aws_settings()?;
    let (store, state) = open_store(args.state_url.as_deref(), &aws).await?;
    let listing = dead_letters::list(&store, args.kind)
        .await
        .with_context(|| format!("listing the {} dead letters in {state}", args.kind.name()))?;
    let picked: Vec<String> = listing
        .waiting
        .into_iter()
        .filter(|key| may_be_since(args.kind, key, args.since))
        .collect();
    let mut letters = dead_letters::read_all(&store, &picked)
        .await
        .with_context(|| format!("reading the {} dead letters", args.kind.name()))?;
    letters.retain(|l| {
        args.since
            .is_none_or(|since| l.at().is_none_or(|at| at >= since))
    });
    letters.sort_by(|a, b| {
        a.sent_at()
            .cmp(&b.sent_at())
            .then_with(|| a.key.cmp(&b.key))
    });
    if letters.is_empty() {
        println!(
            "No {} dead letters to replay in {state}{}.",
            args.kind.name(),
            since_text(args.since)
        );
        return Ok(Status::Success);
    }
    let target = match (&args.queue_url, args.kind) {
        (_, Kind::Recordings) => Target::Bucket(s3_client(&aws).await),
        (Some(url), _) => Target::Queue {
            sqs: sqs_client(&aws).await,
            url: url.clone(),
        },
        (None, kind) => anyhow::bail!(
            "--queue-url is needed to replay {} dead letters",
            kind.name()
        ),
    };
    let mut rows = Vec::with_capacity(letters.len());
    for letter in &letters {
        let result = replay_one(&store, args, &target, letter).await;
        rows.push(Row {
            key: letter.key.clone(),
            reason: letter.reason(),
            result,
        });
    }
    let failed = rows.iter().filter(|r| r.result.is_err()).count();
    print!("{}", render(&rows));
    let done = rows.len() - failed;
    let verb = if args.dry_run {
        "would re-submit"
    } else {
        "re-submitted"
    };
    println!(
        "\n{} {} dead letters{}: {verb} {done}, failed {failed}{}",
        rows.len(),
        args.kind.name(),
        since_text(args.since),
        if args.dry_run || done == 0 {
            String::new()
        } else {
            format!(
                "; moved to {}{}",
                keys::dead_letters(args.kind.name()),
                keys::REPLAYED
            )
        }
    );
    Ok(if failed == 0 {
        Status::Success
    } else {
        Status::Failed
    })
}

async fn replay_one(
    store: &exsync::store::StateStore,
    args: &Args,
    target: &Target,
    letter: &Letter,
) -> Result<String, String> {
    let (described, message_id) = match target {
        Target::Queue { sqs, url } => {
            let message = outgoing(args.kind, letter, url)?;
            let group = message
                .group_id
                .as_ref()
                .map(|g| format!(" (group {g})"))
                .unwrap_or_default();
            if args.dry_run {
                return Ok(format!("would send{group}"));
            }
            let id = resubmit::send(sqs, url, &message, &letter.key).await?;
            (format!("sent{group}"), Some(id))
        }
        Target::Bucket(s3) => {
            let (bucket, key) = recording_object(letter)?;
            if args.dry_run {
                return Ok(format!("would re-drop s3://{bucket}/{key}"));
            }
            resubmit::redrop(s3, &bucket, &key).await?;
            (format!("re-dropped s3://{bucket}/{key}"), None)
        }
    };
    let to = match target {
        Target::Queue { url, .. } => url.clone(),
        Target::Bucket(_) => "s3 re-drop".to_owned(),
    };
    mark_replayed(store, letter, note(&to, message_id.as_deref()))
        .await
        .map(|_| described.clone())
        .map_err(|e| {
            format!(
                "{described}, but not moved to replayed/ (a second replay would send it again): {e}"
            )
        })
}

fn render(rows: &[Row]) -> String {
    let mut table = Table::new(&["KEY", "REASON", "RESULT"])
        .limit(1, 60)
        .limit(2, 60);
    for row in rows {
        let result = match &row.result {
            Ok(text) => text.clone(),
            Err(error) => format!("FAILED: {error}"),
        };
        table.row([row.key.clone(), row.reason.clone(), result]);
    }
    table.render()
}

/// Whether a letter's date folder allows it to be dead-lettered at or after `since`, so older
/// folders are not read: interactions and recordings are filed by the day they were
/// dead-lettered, agent-state by the day SQS received the message (at most SQS's 14-day
/// retention earlier).
fn may_be_since(kind: Kind, key: &str, since: Option<DateTime<Utc>>) -> bool {
    let (Some(since), Some(folder)) = (since, dead_letters::key_date(key)) else {
        return true;
    };
    let slack = match kind {
        Kind::AgentState => chrono::Days::new(14),
        Kind::Interactions | Kind::Recordings => chrono::Days::new(0),
    };
    folder
        .checked_add_days(slack)
        .is_none_or(|latest| latest >= since.date_naive())
}

fn since_text(since: Option<DateTime<Utc>>) -> String {
    since
        .map(|s| format!(" since {}", s.to_rfc3339()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn older_date_folders_are_skipped_with_slack_for_agent_state() {
        let since = Some(parse_since("2026-11-20").unwrap());
        let key = |kind: &str, date: &str| format!("dead-letters/{kind}/{date}/m.json");

        assert!(!may_be_since(
            Kind::Interactions,
            &key("interactions", "2026-11-19"),
            since
        ));
        assert!(may_be_since(
            Kind::Interactions,
            &key("interactions", "2026-11-20"),
            since
        ));
        assert!(may_be_since(
            Kind::AgentState,
            &key("agent-state", "2026-11-10"),
            since
        ));
        assert!(!may_be_since(
            Kind::AgentState,
            &key("agent-state", "2026-11-01"),
            since
        ));
        assert!(may_be_since(
            Kind::Recordings,
            &key("recordings", "2026-01-01"),
            None
        ));
    }
}
