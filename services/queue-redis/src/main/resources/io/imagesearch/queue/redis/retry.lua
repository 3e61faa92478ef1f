-- KEYS[1] tasks stream, KEYS[2] delayed set
-- ARGV[1] group, ARGV[2] entry id, ARGV[3] delivery count, ARGV[4] due epoch millis, ARGV[5] reason
-- Parks a claimed task until it is due, keeping its attempts, and releases the claim: one step,
-- so the task is never in both places or in neither. Returns 0 for a stale receipt.
local task = held_task(KEYS[1], ARGV[1], ARGV[2], ARGV[3], true)
if not task then
  return 0
end
-- The source entry id keeps members unique; the reason is there for operators inspecting the set.
redis.call('ZADD', KEYS[2], ARGV[4],
  cjson.encode({source = ARGV[2], reason = ARGV[5], fields = task}))
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
return 1
