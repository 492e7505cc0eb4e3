//! Wall time per request for every case of the benchmark matrix (see `scenarios/mod.rs`),
//! measured with criterion; each case is one criterion group whose functions are the variants,
//! so the ratios compare medians taken in the same run.
//!
//! ```text
//! cargo bench --bench time
//! ```

mod scenarios;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use scenarios::{call, matrix, Case};

fn requests(c: &mut Criterion) {
    let mut all = matrix();
    for case in Case::ALL {
        let mut group = c.benchmark_group(case.name());
        for (_, variant, app) in all.iter_mut().filter(|(c, _, _)| *c == case) {
            group.bench_function(variant.name(), |b| {
                b.iter_batched(
                    || case.request(),
                    |request| black_box(call(app, request)),
                    BatchSize::SmallInput,
                )
            });
        }
        group.finish();
    }
}

criterion_group!(benches, requests);
criterion_main!(benches);
