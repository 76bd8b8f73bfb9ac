//! Peak memory and throughput of uploading a 5 MB, a 100 MB and a 1 GB recording from a moto S3
//! bucket to the emulator through the recordings use case (header probe, MD5 pass, upload-URL
//! request, streamed presigned PUT).
//!
//! ```text
//! cargo bench -p recordings --bench upload_memory            # the table (each size in its own process)
//! EXSYNC_BENCH_SIZES=5000000 cargo bench -p recordings --bench upload_memory   # chosen sizes, in bytes
//! ```
//!
//! Each size runs in a child process under `/usr/bin/time -v`, whose "Maximum resident set size"
//! is that process's peak (generating and putting the object included). The child also resets its
//! peak (`/proc/self/clear_refs`) after putting the object and reports `VmHWM` after the upload:
//! the upload's own peak. The object is generated chunk by chunk and put as a multipart upload of
//! 8 MiB parts, so it is never in memory whole; the largest size is then run again as an object
//! put with one PutObject (streamed from a temporary file), whose ETag is its MD5, so the upload
//! skips its MD5 pass. One moto server, started by the table process, serves every child: it is
//! not the measured process's descendant, so its memory (it keeps the objects) is not in the
//! figures. A second table times the upload's parts alone: one read of the object, the MD5 pass,
//! and MD5 over bytes in memory.
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code: a panic is a failed run

use std::process::Command;
use std::time::Instant;

use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};
use exsync::deadline::Deadline;
use exsync::store::IdMap;
use exsync::store::{DirStore, PutMode, StateStore, keys};
use exsync::sync::recordings::{
    Disposition, DroppedObject, ObjectSource, RecordingsContext, UploadHosts, UploadSettings,
    Uploader, digest, upload_recording,
};
use integration_tests::MotoServer;
use integration_tests::genesys::Genesys;
use recordings::samples::{SampleFormat, ToneSpec};

const BUCKET: &str = "bench-inbound";
const KEY: &str = "recordings/call-bench-0001.wav";
const PART: usize = 8 * 1024 * 1024;
const DEFAULT_SIZES: [u64; 3] = [5_000_000, 100_000_000, 1_000_000_000];
/// The moto server a child uses (the table process's).
const S3_ENDPOINT: &str = "EXSYNC_BENCH_S3_ENDPOINT";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--one") {
        let size = args[i + 1].parse().expect("a size in bytes");
        let single = args.iter().any(|a| a == "--single-put");
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(one(size, single));
        return;
    }
    table();
}

fn sizes() -> Vec<u64> {
    match std::env::var("EXSYNC_BENCH_SIZES") {
        Ok(list) => list.split(',').map(|s| s.trim().parse().unwrap()).collect(),
        Err(_) => DEFAULT_SIZES.to_vec(),
    }
}

/// Runs each size in a child process under `/usr/bin/time -v` and prints the table.
fn table() {
    let exe = std::env::current_exe().unwrap();
    let moto = MotoServer::start();
    println!(
        "| recording | upload time | throughput | RSS before upload | upload peak RSS (VmHWM) | generate+put peak (VmHWM) | process max RSS (time -v) |"
    );
    println!("|---|---|---|---|---|---|---|");
    let mut rows = Vec::new();
    // every size as a multipart object, then the largest again as one PUT (its ETag is its MD5)
    let largest = sizes().into_iter().max().unwrap_or(0);
    let runs = sizes()
        .into_iter()
        .map(|size| (size, false))
        .chain([(largest, true)]);
    for (size, single) in runs {
        let out = Command::new("/usr/bin/time")
            .arg("-v")
            .arg(&exe)
            .args(["--one", &size.to_string()])
            .args(single.then_some("--single-put"))
            .env(S3_ENDPOINT, moto.endpoint())
            .output()
            .expect("/usr/bin/time runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let result = stdout
            .lines()
            .find(|l| l.starts_with("RESULT "))
            .unwrap_or_else(|| panic!("no result for {size}:\n{stdout}\n{stderr}"));
        let field = |name: &str| -> f64 {
            result
                .split_whitespace()
                .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
                .and_then(|v| v.parse().ok())
                .unwrap_or(f64::NAN)
        };
        let max_rss_kib: f64 = stderr
            .lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix("Maximum resident set size (kbytes): ")
            })
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN);
        let secs = field("secs");
        println!(
            "| {} | {secs:.2} s | {:.1} MB/s | {:.1} MiB | {:.1} MiB | {:.1} MiB | {:.1} MiB |",
            label(size, single),
            size as f64 / 1e6 / secs,
            field("start_rss_kib") / 1024.0,
            field("upload_hwm_kib") / 1024.0,
            field("generate_hwm_kib") / 1024.0,
            max_rss_kib / 1024.0,
        );
        rows.push((
            size,
            single,
            secs,
            field("read_secs"),
            field("digest_secs"),
            field("md5_cpu_secs"),
        ));
    }
    println!();
    println!(
        "Where an upload's time goes (each part timed alone after the upload; the PUT is the rest):"
    );
    println!();
    println!(
        "| recording | upload | read from S3, bytes dropped | MD5 pass (read + hash) | MD5 of bytes in memory | header probe, URL request and PUT (upload − MD5 pass) |"
    );
    println!("|---|---|---|---|---|---|");
    let rate = |size: u64, secs: f64| format!("{secs:.2} s ({:.0} MB/s)", size as f64 / 1e6 / secs);
    for (size, single, secs, read, digest, cpu) in rows {
        // a single-part object skips the MD5 pass: all of its upload is probe, URL and PUT
        let put = if single { secs } else { secs - digest };
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            label(size, single),
            rate(size, secs),
            rate(size, read),
            rate(size, digest),
            rate(size, cpu),
            rate(size, put),
        );
    }
}

fn label(size: u64, single: bool) -> String {
    if single {
        format!("{}, one PUT (no MD5 pass)", human(size))
    } else {
        format!("{}, multipart", human(size))
    }
}

fn human(size: u64) -> String {
    match size {
        s if s >= 1_000_000_000 => format!("{} GB", s as f64 / 1e9),
        s if s >= 1_000_000 => format!("{} MB", s as f64 / 1e6),
        s => format!("{s} B"),
    }
}

/// One size, in this process: put the object (multipart, or one PUT), reset the peak, upload,
/// report.
async fn one(size: u64, single: bool) {
    let bucket = format!(
        "{BUCKET}-{size}-{}",
        if single { "single" } else { "multi" }
    );
    let (s3, _own_moto) = s3_client().await;
    s3.create_bucket().bucket(&bucket).send().await.unwrap();
    if single {
        put_generated_single(&s3, &bucket, size).await;
    } else {
        put_generated(&s3, &bucket, size).await;
    }
    let genesys = Genesys::start().await;
    let dir = tempfile::tempdir().unwrap();
    let store = StateStore::Dir(DirStore::new(dir.path().to_path_buf()));
    let mut idmap = IdMap::new();
    idmap.presence_source_id = Some("bench-source".into());
    store
        .put_json(keys::IDMAP, &idmap, PutMode::Overwrite)
        .await
        .unwrap();
    let host = genesys
        .emulator
        .base_url()
        .trim_start_matches("http://")
        .to_owned();
    let uploader = Uploader::new(UploadHosts::new(&[host]).unwrap()).unwrap();
    let source = ObjectSource::S3(s3);
    let rules = exsync::mapping::RecordingRules::default();
    let settings = UploadSettings::default();
    let ctx = RecordingsContext {
        client: &genesys.client,
        store: &store,
        source: &source,
        uploader: &uploader,
        rules: &rules,
        settings: &settings,
        connect: None,
    };
    let object = DroppedObject {
        bucket: bucket.clone(),
        key: KEY.into(),
        etag: None,
    };
    // the generation above is not what is measured: note its peak, then forget it
    let generate_hwm_kib = status_kib("VmHWM:");
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
    let start_rss_kib = status_kib("VmRSS:");

    let started = Instant::now();
    let outcome = upload_recording(ctx, &object, Deadline::none()).await;
    let secs = started.elapsed().as_secs_f64();

    assert_eq!(outcome.disposition, Disposition::Uploaded, "{outcome:?}");
    let received = genesys.emulator.state_json()["uploads"][0]["sizeBytes"].as_u64();
    assert_eq!(received, Some(size), "the emulator received every byte");
    let upload_hwm_kib = status_kib("VmHWM:");
    let parts = breakdown(&source, &bucket, size).await;
    println!(
        "RESULT size={size} secs={secs:.3} upload_hwm_kib={upload_hwm_kib} start_rss_kib={start_rss_kib} generate_hwm_kib={generate_hwm_kib} read_secs={:.3} digest_secs={:.3} md5_cpu_secs={:.3}",
        parts.read_secs, parts.digest_secs, parts.md5_cpu_secs
    );
}

/// The upload's parts timed alone, after it: one read of the object from the bucket with nothing
/// done to the bytes, the MD5 pass (the same read, hashed), and MD5 over bytes already in memory.
struct Breakdown {
    read_secs: f64,
    digest_secs: f64,
    md5_cpu_secs: f64,
}

async fn breakdown(source: &ObjectSource, bucket: &str, size: u64) -> Breakdown {
    let etag = source.head(bucket, KEY).await.unwrap().unwrap().etag;
    let started = Instant::now();
    let mut stream = source.stream(bucket, KEY, &etag).await.unwrap();
    let mut read = 0u64;
    while let Some(chunk) = futures::StreamExt::next(&mut stream).await {
        read += chunk.unwrap().len() as u64;
    }
    let read_secs = started.elapsed().as_secs_f64();
    assert_eq!(read, size);

    let started = Instant::now();
    let summed = digest(source.stream(bucket, KEY, &etag).await.unwrap())
        .await
        .unwrap();
    let digest_secs = started.elapsed().as_secs_f64();
    assert_eq!(summed.size, size);

    let block = vec![0x5au8; 1024 * 1024];
    let started = Instant::now();
    let mut md5 = <md5::Md5 as md5::Digest>::new();
    for _ in 0..size.div_ceil(block.len() as u64) {
        md5::Digest::update(&mut md5, &block);
    }
    std::hint::black_box(md5::Digest::finalize(md5));
    let md5_cpu_secs = started.elapsed().as_secs_f64();
    Breakdown {
        read_secs,
        digest_secs,
        md5_cpu_secs,
    }
}

/// Generates a WAV of `size` bytes into a temporary file and puts it with one PutObject streamed
/// from the file (S3 takes up to 5 GB so), whose ETag is then the MD5 of the bytes.
async fn put_generated_single(s3: &aws_sdk_s3::Client, bucket: &str, size: u64) {
    use std::io::Write;
    let spec = ToneSpec {
        channels: 2,
        sample_rate: 16_000,
        format: SampleFormat::Pcm16,
    };
    let mut file = tempfile::NamedTempFile::new().unwrap();
    for chunk in spec.chunks(size, 1024 * 1024) {
        file.write_all(&chunk).unwrap();
    }
    file.flush().unwrap();
    let body = ByteStream::from_path(file.path()).await.unwrap();
    s3.put_object()
        .bucket(bucket)
        .key(KEY)
        .body(body)
        .send()
        .await
        .unwrap();
}

/// Generates a WAV of `size` bytes and puts it as a multipart upload, one 8 MiB part at a time.
async fn put_generated(s3: &aws_sdk_s3::Client, bucket: &str, size: u64) {
    let spec = ToneSpec {
        channels: 2,
        sample_rate: 16_000,
        format: SampleFormat::Pcm16,
    };
    let upload = s3
        .create_multipart_upload()
        .bucket(bucket)
        .key(KEY)
        .send()
        .await
        .unwrap();
    let id = upload.upload_id().unwrap().to_owned();
    let mut parts = Vec::new();
    let mut part = Vec::with_capacity(PART);
    let mut chunks = spec.chunks(size, 1024 * 1024).peekable();
    while let Some(chunk) = chunks.next() {
        part.extend_from_slice(&chunk);
        if part.len() >= PART || chunks.peek().is_none() {
            let number = parts.len() as i32 + 1;
            let body = ByteStream::from(std::mem::replace(&mut part, Vec::with_capacity(PART)));
            let done = s3
                .upload_part()
                .bucket(bucket)
                .key(KEY)
                .upload_id(&id)
                .part_number(number)
                .body(body)
                .send()
                .await
                .unwrap();
            parts.push(
                CompletedPart::builder()
                    .part_number(number)
                    .e_tag(done.e_tag().unwrap())
                    .build(),
            );
        }
    }
    s3.complete_multipart_upload()
        .bucket(bucket)
        .key(KEY)
        .upload_id(&id)
        .multipart_upload(
            CompletedMultipartUpload::builder()
                .set_parts(Some(parts))
                .build(),
        )
        .send()
        .await
        .unwrap();
}

/// A path-style S3 client for the table's moto server, or for a moto of its own when run alone.
async fn s3_client() -> (aws_sdk_s3::Client, Option<MotoServer>) {
    let Ok(endpoint) = std::env::var(S3_ENDPOINT) else {
        let moto = MotoServer::start();
        return (moto.s3().await, Some(moto));
    };
    let shared = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .endpoint_url(endpoint)
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_s3::config::Credentials::new(
            "test", "test", None, None, "static",
        ))
        .load()
        .await;
    let conf = aws_sdk_s3::config::Builder::from(&shared)
        .force_path_style(true)
        .build();
    (aws_sdk_s3::Client::from_conf(conf), None)
}

/// A `/proc/self/status` figure in KiB: `VmHWM:` (peak resident set since the last reset) or
/// `VmRSS:` (resident now).
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
