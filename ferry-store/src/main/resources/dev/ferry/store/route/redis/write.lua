-- Writes one route of Ferry's Redis registry if it still holds what the writer read (compare and set),
-- moves the TTL deadlines of its endpoints, and records and announces the change.
-- Returns the outcome, the number of the change recorded (0 for none) and the epoch it belongs to.
-- KEYS: 1 routes hash, 2 change counter, 3 change stream, 4 endpoint deadlines, 5 epoch
-- ARGV: 1 field, 2 expected value ('' = absent, '=' .. value = present), 3 new value ('' = delete),
--       4 change record ('' = no change to announce), 5 channel, 6 stream length, 7 epoch candidate,
--       8 deadline member that must have run out ('' = none), 9.. pairs of deadline member and TTL ms (0 = none)
local current = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[2] == '' then
  if current then return {'conflict', 0, ''} end
elseif (not current) or ('=' .. current) ~= ARGV[2] then
  return {'conflict', 0, ''}
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[8] ~= '' then
  local deadline = redis.call('ZSCORE', KEYS[4], ARGV[8])
  if (not deadline) or tonumber(deadline) > now then return {'refreshed', 0, ''} end
end
if ARGV[3] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
end
for i = 9, #ARGV, 2 do
  local ttl = tonumber(ARGV[i + 1])
  if ttl > 0 then
    redis.call('ZADD', KEYS[4], now + ttl, ARGV[i])
  else
    redis.call('ZREM', KEYS[4], ARGV[i])
  end
end
redis.call('SETNX', KEYS[5], ARGV[7])
local epoch = redis.call('GET', KEYS[5])
local seq = 0
if ARGV[4] ~= '' then
  seq = redis.call('INCR', KEYS[2])
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[6], seq .. '-1', 'c', ARGV[4])
  redis.call('PUBLISH', ARGV[5], seq .. ' ' .. ARGV[4])
end
return {'ok', seq, epoch}
