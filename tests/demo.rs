//! The README's first command, checked: the `demo` example serves its page and API, a real
//! headless Chromium opens the page, and every row comes out as the policies say (the page
//! reports its result to the demo, which prints it).
//!
//! Needs Chromium like the browser suite: skipped with a message without it, except under
//! `CI=true`. The page must be served on port 5173, the origin the example's policies list.

#[path = "browser/harness.rs"]
#[allow(dead_code)]
mod harness;

use cors_suite::example_binary;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

#[tokio::test]
async fn the_demo_page_agrees_with_every_policy() {
    let Some(chromium) = harness::chromium_or_skip() else {
        return;
    };
    let mut demo = Command::new(example_binary("demo"))
        .env("PORT", "0")
        .env("PAGE_PORT", "5173")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("start the demo example");
    let mut lines = BufReader::new(demo.stdout.take().expect("piped stdout")).lines();
    let mut stderr = BufReader::new(demo.stderr.take().expect("piped stderr")).lines();

    let read = async {
        let mut seen = Vec::new();
        let mut browser = None;
        loop {
            let Some(line) = lines.next_line().await.expect("read the demo's output") else {
                let mut why = Vec::new();
                while let Ok(Some(l)) = stderr.next_line().await {
                    why.push(l);
                }
                panic!("the demo exited; it printed {seen:?} and on stderr {why:?}");
            };
            if line.starts_with("open http://localhost:5173") {
                browser = Some(harness::Chromium::launch(
                    &chromium,
                    "http://localhost:5173/",
                ));
            }
            if line.starts_with("browser report:") {
                // Read what follows: the explained count and the rows it names as
                // disagreeing, if any.
                let mut disagree = Vec::new();
                while let Ok(Ok(Some(next))) =
                    tokio::time::timeout(Duration::from_millis(300), lines.next_line()).await
                {
                    disagree.push(next);
                }
                drop(browser);
                return (line, disagree);
            }
            seen.push(line);
        }
    };
    let (report, disagree) = tokio::time::timeout(Duration::from_secs(60), read)
        .await
        .expect("the page reported within 60 s");
    let counts: Vec<usize> = report.split(' ').filter_map(|w| w.parse().ok()).collect();
    assert_eq!(counts.len(), 2, "unexpected report line: {report:?}");
    assert!(counts[1] >= 14, "the page runs every row: {report:?}");
    assert_eq!(
        counts[0],
        counts[1],
        "the browser disagreed with a policy: {report}\n{}",
        disagree.join("\n")
    );
    // Seven rows are refused; for six of them the server refused and logged why (the
    // seventh, `*` with cookies, is the browser refusing an answer the server gave).
    let explained = disagree
        .iter()
        .find_map(|l| l.strip_prefix("refused rows with a logged reason: "))
        .unwrap_or_else(|| panic!("no count of explained rows after {report:?}: {disagree:?}"));
    assert_eq!(explained, "6", "{disagree:?}");
}
