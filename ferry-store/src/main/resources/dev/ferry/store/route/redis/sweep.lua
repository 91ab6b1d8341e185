-- Finds the endpoints of Ferry's Redis registry whose TTL ran out, by Redis's own clock.
-- When no registry swept for longer than the grace gap (Redis was down or restarting, so no owner could
-- refresh), every deadline moves forward by that gap instead: TTLs do not run while Redis is unreachable.
-- KEYS: 1 endpoint deadlines, 2 last sweep time
-- ARGV: 1 grace gap ms, 2 most members returned
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local last = tonumber(redis.call('GET', KEYS[2]) or now)
redis.call('SET', KEYS[2], now)
local gap = now - last
if gap > tonumber(ARGV[1]) then
  local all = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
  for i = 1, #all, 2 do
    redis.call('ZADD', KEYS[1], tonumber(all[i + 1]) + gap, all[i])
  end
  return {}
end
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
