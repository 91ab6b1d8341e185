#!/usr/bin/env python3
"""Renders the results of bench/router/run.sh (peer, metric, value lines) as the figures section of
docs/benchmarks.md, between its figures markers; the rest of the page is kept as it is.
Usage: report.py RESULTS.tsv OUT.md"""
import base64
import re
import sys

START, END = "<!-- figures:start (written by bench/router/run.sh) -->", "<!-- figures:end -->"
PEERS = [("ferry", "Ferry"), ("nginx", "nginx"), ("haproxy", "HAProxy")]
LOADS = [
    ("small", "keep-alive, 13 B response, 64 connections"),
    ("1k", "keep-alive, 1 KiB response, 64 connections"),
    ("64k", "keep-alive, 64 KiB response, 64 connections"),
    ("upload", "keep-alive, 10 MiB upload (POST), 8 connections"),
    ("close", "new connection per request (`Connection: close`), 13 B, 64 connections"),
    ("small_routes", "as the first row, with 100,000 routes in the table"),
]


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
              f"| CPU layout | {meta.get('layout')} |", f"| each load | {meta.get('load')} |", ""]

    lines += ["### Throughput and latency", "",
              "| load | " + " | ".join(f"{n} req/s | {n} p50 | {n} p99" for _, n in present) + " |",
              "|---|" + "---:|---:|---:|" * len(present)]
    notes = []
    for key, title in LOADS:
        row = [title]
        for peer, name in present:
            raw = data[peer].get("wrk_" + key)
            if raw is None:
                row += ["-", "-", "-"]
                continue
            w = parse_wrk(base64.b64decode(raw).decode(errors="replace"))
            rps = w.get("rps")
            cell = "-" if rps is None else f"{rps:,.0f}"
            if key == "64k" and w.get("transfer"):
                cell += f" ({w['transfer']}/s)"
            elif key == "upload" and rps is not None:
                cell += f" ({rps * 10:,.0f} MiB/s)"
            row += [cell, fmt_ms(w.get("p50")), fmt_ms(w.get("p99"))]
            if w.get("errors"):
                notes.append(f"{name}, {title}: {w['errors']}.")
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    if notes:
        lines += ["Errors wrk counted: " + " ".join(notes), ""]

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
