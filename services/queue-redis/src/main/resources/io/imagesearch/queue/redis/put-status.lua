-- KEYS[1] status hash, KEYS[2] recent set
-- ARGV[1] TTL (ms), ARGV[2] update time (epoch millis), ARGV[3] task id, ARGV[4] prefix of status
-- hashes, ARGV[5..] field, value, ...
-- Replaces the status (absent fields must not linger), indexes it by update time, and prunes the
-- few oldest ids whose hash has expired so the index stays bounded without a sweeper.
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 5))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
-- Every indexed hash expires within one TTL of the latest put, and so may the index itself.
redis.call('PEXPIRE', KEYS[2], ARGV[1])
for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, 9)) do
  if redis.call('EXISTS', ARGV[4] .. id) == 0 then
    redis.call('ZREM', KEYS[2], id)
  end
end
return 1
