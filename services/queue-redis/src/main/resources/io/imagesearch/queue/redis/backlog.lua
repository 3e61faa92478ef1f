-- KEYS[1] tasks stream, KEYS[2] delayed set
-- Read in one step so a task moving between the two is counted exactly once.
return redis.call('XLEN', KEYS[1]) + redis.call('ZCARD', KEYS[2])
