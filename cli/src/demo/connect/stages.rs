//! The stages of the Connect demo (see [`super`]): configuration from the instance's API, agent
//! events, contact trace records, the recording.

use anyhow::{Context as _, bail};
use exsync::config::ConnectInstanceId;
use exsync::connect_api::{loopback_client, read_snapshot};
use exsync::deadline::Deadline;
use exsync::reconcile::{ApplyOptions, Desired};
use exsync::sync::agent_state::{EventStatus, QueueKind, stream_messages};
use exsync::sync::interactions::{InteractionSettings, sync_contact_records};
use exsync::sync::recordings::{
    ConnectRecordings, Disposition, DroppedObject, ObjectSource, RecordingsContext, UploadSettings,
    upload_recording,
};
use exsync::sync::{Mode, config_sync};
use genesys_emulator::connect::FakeInstance;

use super::super::examples;
use super::super::{DemoContext, all_applied, interactions_line};
use super::day::{
    Cast, RECORDING_BUCKET, RECORDING_PREFIX, agent_events as day_agent_events,
    contact_records as day_contact_records, stream, transfer_recording_key,
};

/// Reads the instance through its API as config sync does, syncs it, and picks the day's cast.
pub async fn config(
    cx: &mut DemoContext,
    connect_url: &str,
    instance: &FakeInstance,
) -> anyhow::Result<Cast> {
    cx.section("Configuration from the Connect instance's API (connect://<instance-id>)");
    // the demo's fake answers at once: pace it far above Connect's 2 requests/second
    cx.mapping.connect.pacing.requests_per_second = 1_000;
    cx.mapping.connect.pacing.burst = 100;
    let id = ConnectInstanceId::parse(&instance.id)
        .map_err(|e| anyhow::anyhow!("instance id {}: {e}", instance.id))?;
    let client = loopback_client(connect_url);
    let snapshot = read_snapshot(&client, &id, &cx.mapping.connect)
        .await
        .context("reading the Connect instance")?;
    println!(
        "  read: {} users, {} queues, {} skills, {} languages, {} secondary statuses, {} divisions",
        snapshot.users.len(),
        snapshot.queues.len(),
        snapshot.skills.len(),
        snapshot.languages.len(),
        snapshot.secondary_statuses.len(),
        snapshot.divisions.len()
    );
    for held in snapshot.held.objects() {
        println!(
            "  held back: {}[{}]: {}",
            held.collection,
            held.id.as_deref().unwrap_or("?"),
            held.reason()
        );
    }
    let outcome = config_sync(
        &cx.client,
        &cx.store,
        Desired {
            snapshot: &snapshot,
            mapping: &cx.mapping,
        },
        "demo-connect",
        Mode::Apply,
        &ApplyOptions::default(),
        Deadline::none(),
    )
    .await
    .context("syncing the Connect configuration")?;
    let counts = &outcome.report.apply.counts;
    println!(
        "  synced: {} changes planned, {} applied, {} failed",
        counts.planned, counts.applied, counts.failed
    );
    if counts.failed > 0 {
        bail!("{} configuration changes failed", counts.failed);
    }
    cx.snapshot = Some(snapshot);
    cast(instance)
}

/// Two agents with an email (so synced), a standard queue, a custom status.
fn cast(instance: &FakeInstance) -> anyhow::Result<Cast> {
    let agents: Vec<_> = instance
        .users
        .iter()
        .filter(|u| u.email.is_some())
        .take(2)
        .collect();
    let queue = instance
        .queues
        .iter()
        .find(|q| q.queue_type == "STANDARD")
        .context("the instance has no standard queue")?;
    let status = instance
        .agent_statuses
        .iter()
        .find(|s| s.status_type == "CUSTOM")
        .context("the instance has no custom status")?;
    if agents.len() < 2 {
        bail!("the instance has fewer than two users with an email");
    }
    Ok(Cast {
        instance_arn: format!(
            "arn:aws:connect:{}:123456789012:instance/{}",
            instance.region, instance.id
        ),
        agents: agents.iter().map(|u| u.id.clone()).collect(),
        usernames: agents.iter().map(|u| u.username.clone()).collect(),
        queue: queue.id.clone(),
        break_status: status.name.clone(),
    })
}

/// The agents' day from the agent event stream, then their timelines read back.
pub async fn agent_events(cx: &mut DemoContext, cast: &Cast) -> anyhow::Result<()> {
    cx.section("Agent events (Kinesis agent event stream) as presence and routing status");
    let batch = stream_messages(&stream(day_agent_events(cast), "4959"));
    if let Some(bad) = batch.rejected.first() {
        bail!(
            "agent event {} unreadable: {}",
            bad.sequence_number,
            bad.error
        );
    }
    let outcome = cx
        .agent_state_service()
        .handle_batch(&batch.messages, QueueKind::Fifo, Deadline::none())
        .await
        .context("applying the agent events")?;
    let c = &outcome.counts;
    println!(
        "  {} agent events: {} applied, {} skipped; {} Genesys calls",
        c.events_received,
        c.events_applied,
        c.events_skipped,
        c.presence_calls + c.routing_status_calls
    );
    let problems: Vec<_> = outcome
        .events
        .iter()
        .filter(|e| !matches!(e.status, EventStatus::Applied | EventStatus::Skipped(_)))
        .collect();
    for event in &problems {
        println!("  {event}");
    }
    let agents: Vec<&str> = cast.agents.iter().map(String::as_str).collect();
    cx.print_timelines(&agents).await?;
    if !problems.is_empty() {
        bail!("{} agent events were not applied", problems.len());
    }
    Ok(())
}

/// The day's contact trace records as conversations.
pub async fn contact_records(cx: &mut DemoContext, cast: &Cast) -> anyhow::Result<()> {
    cx.section("Contact trace records (Kinesis CTR stream) as conversations");
    let records = stream(day_contact_records(cast), "4960");
    let settings = InteractionSettings::from_mapping(&cx.mapping);
    let outcome =
        sync_contact_records(&cx.client, &cx.store, &settings, &records, Deadline::none())
            .await
            .context("sending the contact trace records")?;
    println!("{}", interactions_line(&outcome, "contact trace records"));
    let state = cx.emulator.state_json();
    for conversation in state["conversations"].as_array().into_iter().flatten() {
        let participants = conversation["participants"].as_array().map_or(0, Vec::len);
        println!(
            "  conversation {} for contact {}: {participants} participants",
            conversation["id"].as_str().unwrap_or("?"),
            conversation["interactionId"].as_str().unwrap_or("?"),
        );
    }
    all_applied(&outcome, "contact trace records")
}

/// The transferred call's recording, where Connect writes it, uploaded and bound.
pub async fn recording(cx: &mut DemoContext) -> anyhow::Result<()> {
    cx.section("The transfer's recording from Connect's recording bucket");
    let examples = examples::unpack(&cx.state_dir)?;
    let bucket_dir = cx.state_dir.join(RECORDING_BUCKET);
    let key = transfer_recording_key();
    let path = bucket_dir.join(&key);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    std::fs::copy(examples.join("recordings/call-20261124-0001.wav"), &path)
        .with_context(|| format!("writing {}", path.display()))?;
    println!("  s3://{RECORDING_BUCKET}/{key} (stereo: agent right, customer left)");
    let uploader = cx.uploader()?;
    let source = ObjectSource::Dir(bucket_dir);
    let settings = UploadSettings::default();
    let connect = ConnectRecordings {
        bucket: RECORDING_BUCKET.to_owned(),
        prefix: RECORDING_PREFIX.to_owned(),
    };
    let ctx = RecordingsContext {
        client: &cx.client,
        store: &cx.store,
        source: &source,
        uploader: &uploader,
        rules: &cx.mapping.recordings,
        settings: &settings,
        connect: Some(&connect),
    };
    let object = DroppedObject {
        bucket: RECORDING_BUCKET.to_owned(),
        key,
        etag: None,
    };
    let outcome = upload_recording(ctx, &object, Deadline::none()).await;
    let record = outcome.record.as_ref();
    println!(
        "  {:?}: contact {} → conversation {}{}",
        outcome.disposition,
        record
            .and_then(|r| r.interaction_id.as_deref())
            .unwrap_or("?"),
        record
            .and_then(|r| r.conversation_id.as_deref())
            .unwrap_or("?"),
        outcome
            .reason
            .as_deref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default()
    );
    if outcome.disposition != Disposition::Uploaded {
        bail!("the Connect recording was not uploaded");
    }
    Ok(())
}
