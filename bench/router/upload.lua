-- wrk script of bench/router/run.sh: every request is a POST of a 10 MiB body.
wrk.method = "POST"
wrk.body = string.rep("x", 10 * 1024 * 1024)
wrk.headers["Content-Type"] = "application/octet-stream"
