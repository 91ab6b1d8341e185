#!/usr/bin/env python3
"""Renders the results of bench/router/run.sh (peer, metric, value lines) as the figures section of
docs/benchmarks.md, between its figures markers; the rest of the page is kept as it is.
Usage: report.py RESULTS.tsv OUT.md"""
import base64
import re
import sys

START, END = "<!-- figures:start (written by bench/router/run.sh) -->", "<!-- figures:end -->"
PEERS = [("ferry", "Ferry"), ("nginx", "nginx"), ("haproxy", "HAProxy")]
LOADS = [  # key, title, what the issue asks of Ferry there ("beat": req/s at least both peers' and p99 at most
    # theirs; "level": req/s at least 0.95 of nginx's, inside this machine's run-to-run noise)
    ("small_c32", "keep-alive, 13 B, 32 connections", "beat"),
    ("small_c128", "keep-alive, 13 B, 128 connections", "beat"),
    ("1k_c32", "keep-alive, 1 KiB, 32 connections", "beat"),
    ("1k_c128", "keep-alive, 1 KiB, 128 connections", "beat"),
    ("close_c32", "new connection per request, 13 B, 32 connections", "beat"),
    ("close_c128", "new connection per request, 13 B, 128 connections", "beat"),
    ("64k", "keep-alive, 64 KiB, 64 connections", "level"),
    ("upload", "keep-alive, 10 MiB upload (POST), 8 connections", "level"),
    ("routes_small_c32", "keep-alive, 13 B, 32 connections, 100,000 routes", "level"),
    ("routes_small_c128", "keep-alive, 13 B, 128 connections, 100,000 routes", "level"),
]
LAYOUT_TITLES = {"pinned": "the proxy pinned to its own core(s)", "free": "every process free on every core"}


def millis(text):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    if not m:
        return None
    return float(m[1]) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[m[2]]


def parse_wrk(text):
    out = {}
    if m := re.search(r"Requests/sec:\s+([\d.]+)", text):
        out["rps"] = float(m[1])
    if m := re.search(r"Transfer/sec:\s+([\d.]+\w+)", text):
        out["transfer"] = m[1]
    for pct in ("50", "99"):
        if m := re.search(rf"^\s+{pct}%\s+(\S+)", text, re.M):
            out["p" + pct] = millis(m[1])
    errors = []
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", text):
        errors.append(f"{m[1]} non-2xx")
    if m := re.search(r"Socket errors: (.*)", text):
        errors.append("socket errors: " + m[1])
    out["errors"] = "; ".join(errors)
    return out


def fmt_ms(v):
    return "-" if v is None else (f"{v:.2f} ms" if v < 10 else f"{v:.0f} ms")


def median(values):
    values = sorted(v for v in values if v is not None)
    return values[len(values) // 2] if values else None


def rounds_of(data, peer, layout, key):
    """The parsed wrk output of every round of one load, in round order."""
    found = []
    for metric, raw in data.get(peer, {}).items():
        if m := re.fullmatch(rf"wrk_{layout}_{re.escape(key)}_r(\d+)", metric):
            found.append((int(m[1]), parse_wrk(base64.b64decode(raw).decode(errors="replace"))))
    return [w for _, w in sorted(found, key=lambda t: t[0])]


def throughput(data, present, layout, meta):
    names = dict(present)
    lines = [f"### Throughput and latency: {LAYOUT_TITLES.get(layout, layout)}", "",
             "Median of the rounds: requests per second and p99 latency. The last column says whether Ferry meets "
             "the row's target: at least both peers' requests per second and at most their p99 (\"beat\"), or at "
             "least 0.95 of nginx's requests per second (\"level\").", "",
             "| load | " + " | ".join(f"{n} req/s | {n} p99" for _, n in present) + " | Ferry / nginx | Ferry / HAProxy | target |",
             "|---|" + "---:|---:|" * len(present) + "---:|---:|---|"]
    detail = ["", "Every round, requests per second:", "",
              "| load | " + " | ".join(n for _, n in present) + " |", "|---|" + "---|" * len(present)]
    notes = []
    for key, title, target in LOADS:
        med, cells, spread = {}, [title], [title]
        for peer, name in present:
            runs = rounds_of(data, peer, layout, key)
            rps, p99 = median([w.get("rps") for w in runs]), median([w.get("p99") for w in runs])
            med[peer] = (rps, p99)
            cell = "-" if rps is None else f"{rps:,.0f}"
            if key == "upload" and rps is not None:
                cell += f" ({rps * 10:,.0f} MiB/s)"
            cells += [cell, fmt_ms(p99)]
            spread.append(" / ".join("-" if w.get("rps") is None else f"{w['rps']:,.0f}" for w in runs) or "-")
            for i, w in enumerate(runs, 1):
                if w.get("errors"):
                    notes.append(f"{name}, {title}, round {i}: {w['errors']}.")
        f_rps, f_p99 = med.get("ferry", (None, None))
        ratios = []
        for peer in ("nginx", "haproxy"):
            o_rps = med.get(peer, (None, None))[0]
            ratios.append(f"{f_rps / o_rps:.2f}x" if f_rps and o_rps else "-")
        cells += ratios + [verdict(med, target)]
        lines.append("| " + " | ".join(cells) + " |")
        detail.append("| " + " | ".join(spread) + " |")
    lines += detail + [""]
    if notes:
        lines += ["Errors wrk counted: " + " ".join(notes), ""]
    return lines


def verdict(med, target):
    f_rps, f_p99 = med.get("ferry", (None, None))
    peers = [med[p] for p in ("nginx", "haproxy") if p in med and med[p][0] is not None]
    if f_rps is None or not peers:
        return "-"
    if target == "level":
        n = med.get("nginx", (None, None))[0]
        return "-" if n is None else ("met" if f_rps >= 0.95 * n else "not met")
    beat = all(f_rps >= rps and (f_p99 is None or p99 is None or f_p99 <= p99) for rps, p99 in peers)
    return "met" if beat else "not met"


def main(results_path, out_path):
    data = {}
    for line in open(results_path):
        peer, metric, value = line.rstrip("\n").split("\t", 2)
        data.setdefault(peer, {})[metric] = value
    meta = data.get("meta", {})
    present = [(p, n) for p, n in PEERS if p in data]
    lines = [START, ""]
    lines += [f"Measured {meta.get('date', '')} by `bench/router/run.sh` in {meta.get('run_time_s', '?')} s.", "",
              "| machine | |", "|---|---|",
              f"| CPU | {meta.get('cpu')}, {meta.get('cores')} cores |",
              f"| memory | {meta.get('memory')} |", f"| kernel | {meta.get('kernel')} |",
              f"| Ferry | commit {meta.get('ferry')}, {meta.get('jdk')}, JVM defaults |",
              f"| nginx / HAProxy / wrk | {meta.get('nginx')} / {meta.get('haproxy')} / {meta.get('wrk')} |",
              f"| layout \"pinned\" | {meta.get('layout_pinned')} |",
              f"| layout \"free\" | {meta.get('layout_free')} |", f"| loads | {meta.get('load')} |", ""]

    for layout in meta.get("layouts", "pinned").split():
        lines += throughput(data, present, layout, meta)
    lines += ["### Idle keep-alive connections", "",
              "| | connections | RSS before | RSS with them open | per connection |", "|---|---|---:|---:|---:|"]
    for peer, name in present:
        conns = data[peer].get("idle_conns", "-")
        rss = data[peer].get("idle_rss_kib", "").split()
        if len(rss) == 2:
            before, after = int(rss[0]), int(rss[1])
            n = int(m[1]) if (m := re.search(r"open=(\d+)", conns)) else 1
            counts = dict(kv.split("=") for kv in conns.split() if "=" in kv)
            conns = f"{int(counts.get('open', 0)):,} ({int(counts.get('answered_200', 0)):,} answered 200, " \
                    f"{int(counts.get('still_open', 0)):,} still open after 8 s)"
            lines.append(f"| {name} | {conns} | {before / 1024:.0f} MiB | {after / 1024:.0f} MiB | "
                         f"{(after - before) / n:.1f} KiB |")
    heap = data.get("ferry", {}).get("idle_heap_kib", "").split()
    if len(heap) == 2:
        conns = int(m[1]) if (m := re.search(r"open=(\d+)", data["ferry"].get("idle_conns", ""))) else 1
        lines += ["", f"Ferry's live heap after a full collection went from {int(heap[0]) / 1024:.0f} MiB to "
                  f"{int(heap[1]) / 1024:.0f} MiB with the connections open: "
                  f"{(int(heap[1]) - int(heap[0])) / conns:.1f} KiB per connection. RSS is a weak measure for a JVM "
                  "whose heap was already committed during the earlier loads; this is the memory the connections hold."]
    lines.append("")

    lines += ["### Route changes", "",
              "| | change to served, 1 route (p50 / p99 / max) | with 100,000 routes | start with 1 / 100,000 routes | open WebSocket across a change |",
              "|---|---|---|---|---|"]
    for peer, name in present:
        d = data[peer]
        cells = []
        for routes in ("1", meta.get("routes", "100000")):
            v = d.get("route_change_" + routes, "-")
            m = re.search(r"p50=([\d.]+) p99=([\d.]+) max=([\d.]+).*rounds=(\d+)", v)
            cells.append(f"{m[1]} / {m[2]} / {m[3]} ms ({m[4]} changes)" if m else v)
        start = f"{d.get('start_s_1', '?')} s / {d.get('start_s_' + meta.get('routes', '100000'), '?')} s"
        ws = d.get("websocket", "-").split()
        ws_text = "survives" if ws[:3] == ["open", "ok", "ok"] else ("lost: " + " ".join(ws))
        if peer == "nginx" and "reload_processes" in d:
            ws_text += f" ({d['reload_processes']})"
        lines.append(f"| {name} | {cells[0]} | {cells[1]} | {start} | {ws_text} |")
    if "api_rate" in data.get("ferry", {}):
        lines += ["", f"Ferry added routes through its API at {data['ferry']['api_rate']} routes/s (4 concurrent "
                  "clients, 5,000 routes), so the 100,000 routes were written to its journal before it started."]
    lines += ["", END]

    try:
        page = open(out_path).read()
    except FileNotFoundError:
        page = "# Benchmarks\n\n" + START + "\n" + END + "\n"
    if START not in page:
        page = page.rstrip("\n") + "\n\n## Figures\n\n" + START + "\n" + END + "\n"
    head, rest = page.split(START, 1)
    tail = rest.split(END, 1)[1]
    open(out_path, "w").write(head + "\n".join(lines) + tail)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
