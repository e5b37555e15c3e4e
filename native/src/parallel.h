// Splits a big kernel across the calling thread and one persistent helper thread.
#pragma once

#include <cstdint>
#include <functional>

namespace regie {

// Work (in touched samples) from which a kernel is split across two threads: about one 720p frame.
constexpr int64_t kParallelThreshold = 1280 * 720;

// Runs fn(begin, end) over [0, count): split in two halves (the second on the helper thread) when
// work >= kParallelThreshold, threads are enabled and the helper is free; otherwise inline.
// The helper is shared by every caller in the process (worker threads included): a caller that
// finds it busy simply runs inline. Exceptions thrown by fn are rethrown in the caller.
void ParallelFor(int64_t count, int64_t work, const std::function<void(int64_t, int64_t)>& fn);

// 1 or 2 (default 2 when the machine has at least 2 hardware threads).
int ThreadCount();
void SetThreadCount(int n);

}  // namespace regie
