// Imported first by every bench script that starts processes: they inherit
// this environment. NODE_EXTRA_CA_CERTS makes Node 20 read and parse that
// certificate file while it starts, before any script runs: with Debian's
// bundle (about 140 certificates) 45-50 ms on the 2-core machine, which
// doubles `node -e 0` (61 ms without it, 105 ms with it, 2026-12-03). It is
// the same cost for smei and for `node -e 0`, so it flattered every ratio
// to `node -e 0` (1.29× was 1.55× without it), and it added to smei's time,
// not R's, in the COINr columns. smei makes no network connection, so the
// benches run without it; `startup.mjs` says when it was set.
export const extraCaCerts = process.env.NODE_EXTRA_CA_CERTS;
delete process.env.NODE_EXTRA_CA_CERTS;
