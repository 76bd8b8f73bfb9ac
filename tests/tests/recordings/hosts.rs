//! Where a presigned URL may send a recording: Genesys's upload buckets over https by default,
//! configured extra hosts, plain http only to loopback.

use exsync::sync::recordings::UploadHosts;

#[test]
fn the_allow_list_admits_upload_buckets_and_configured_hosts_only() {
    let hosts =
        UploadHosts::new(&["127.0.0.1:8080", "uploads.example.net", "*.corp.example"]).unwrap();
    let cases = [
        (
            "https://prod-euc1-recordings.s3.eu-central-1.amazonaws.com/k?X-Amz-Signature=s",
            true,
        ),
        ("https://bucket.s3.amazonaws.com/key", true),
        ("http://bucket.s3.amazonaws.com/key", false), // plain http to a bucket
        ("https://bucket.s3.amazonaws.com:8443/key", false), // not the default port
        ("https://amazonaws.com/key", false),          // the bare domain is not a bucket
        ("https://bucket.s3.amazonaws.com.evil.example/key", false),
        ("https://user:pw@bucket.s3.amazonaws.com/key", false), // credentials in the url
        ("http://127.0.0.1:8080/__uploads/1/f.wav", true),      // the emulator, as configured
        ("http://127.0.0.1:8081/__uploads/1/f.wav", false),     // another port
        ("http://127.0.0.2:8080/x", false), // another loopback address, not configured
        ("https://uploads.example.net/x", true),
        ("http://uploads.example.net/x", false), // http only for loopback
        ("https://a.b.corp.example/x", true),
        ("https://corp.example/x", false), // the wildcard needs a subdomain
        ("ftp://bucket.s3.amazonaws.com/key", false),
        ("not a url", false),
        ("https://169.254.169.254/latest/meta-data", false),
        // S3 in its other documented forms
        ("https://s3.eu-central-1.amazonaws.com/bucket/key", true), // path-style
        (
            "https://bucket.s3.dualstack.eu-west-1.amazonaws.com/k",
            true,
        ),
        ("https://bucket.s3-accelerate.amazonaws.com/k", true),
        ("https://bucket.s3-eu-west-1.amazonaws.com/k", true), // legacy dash form
        ("https://bucket.s3.cn-north-1.amazonaws.com.cn/k", true),
        // other services under amazonaws.com are not upload buckets
        (
            "https://abc123.execute-api.eu-central-1.amazonaws.com/prod/x",
            false,
        ),
        ("https://abc123.lambda-url.eu-central-1.on.aws/x", false),
        ("https://lambda.eu-central-1.amazonaws.com/x", false),
        ("https://my-lb-1.eu-west-1.elb.amazonaws.com/x", false),
        ("https://bucket.s3-website-eu-west-1.amazonaws.com/k", false),
    ];

    for (url, allowed) in cases {
        let result = hosts.check(url);

        assert_eq!(result.is_ok(), allowed, "{url}: {result:?}");
    }
}

#[test]
fn a_refusal_names_the_host_but_never_the_signature() {
    let hosts = UploadHosts::default();

    let refused = hosts
        .check("https://attacker.example/x?X-Amz-Signature=secret")
        .unwrap_err();

    let message = refused.to_string();
    assert!(message.contains("attacker.example"), "{message}");
    assert!(!message.contains("secret"), "{message}");
}

#[test]
fn entries_that_are_not_hosts_are_refused_at_start() {
    for bad in ["http://127.0.0.1:1", "host:port", "*.10.0.0.1", "a b"] {
        assert!(UploadHosts::new(&[bad]).is_err(), "{bad}");
    }
}
