#include "parallel.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace regie {
namespace {

using RangeFn = std::function<void(int64_t, int64_t)>;

// One helper thread, started on first use and never destroyed (it sleeps on a condition variable;
// the process may exit at any time, so it must own nothing that needs a destructor to run).
//
// A job is cut into chunks that the caller and the helper take from a shared counter. The caller
// never waits for the helper to wake up: if the other core is busy, the caller simply takes every
// chunk itself, and only waits for a chunk the helper has already started.
class Helper {
 public:
  Helper() : thread_([this] { Loop(); }) { thread_.detach(); }

  // Claims the helper for one job; false if another caller holds it.
  bool TryAcquire() { return !busy_.exchange(true, std::memory_order_acquire); }

  // Runs the job on the calling thread and the helper; releases the helper; rethrows an exception.
  void Run(const RangeFn* fn, int64_t count, int64_t chunk) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      fn_ = fn;
      count_ = count;
      chunk_ = chunk;
      chunks_ = (count + chunk - 1) / chunk;
      next_.store(0, std::memory_order_relaxed);
      error_ = nullptr;
      open_ = true;
      ++generation_;
    }
    wake_.notify_one();
    std::exception_ptr error = Drain();
    {
      std::unique_lock<std::mutex> lock(mutex_);
      open_ = false;
      done_.wait(lock, [this] { return !working_; });
      if (!error) error = error_;
      error_ = nullptr;
      fn_ = nullptr;
    }
    busy_.store(false, std::memory_order_release);
    if (error) std::rethrow_exception(error);
  }

 private:
  // Takes chunks until none is left.
  std::exception_ptr Drain() {
    try {
      for (;;) {
        const int64_t c = next_.fetch_add(1, std::memory_order_relaxed);
        if (c >= chunks_) return nullptr;
        const int64_t begin = c * chunk_;
        (*fn_)(begin, std::min(count_, begin + chunk_));
      }
    } catch (...) {
      next_.store(chunks_, std::memory_order_relaxed);  // the other side stops taking chunks
      return std::current_exception();
    }
  }

  void Loop() {
    uint64_t seen = 0;
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return open_ && generation_ != seen; });
      seen = generation_;
      working_ = true;
      lock.unlock();
      std::exception_ptr error = Drain();
      lock.lock();
      if (error && !error_) error_ = error;
      working_ = false;
      done_.notify_all();
    }
  }

  std::atomic<bool> busy_{false};
  std::atomic<int64_t> next_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  // The job: written under mutex_ while open_ is false, read by the helper after it saw open_.
  const RangeFn* fn_ = nullptr;
  int64_t count_ = 0;
  int64_t chunk_ = 1;
  int64_t chunks_ = 0;
  uint64_t generation_ = 0;
  bool open_ = false;
  bool working_ = false;
  std::exception_ptr error_;
  std::thread thread_;
};

std::atomic<int> g_threads{std::thread::hardware_concurrency() >= 2 ? 2 : 1};

Helper* GetHelper() {
  static std::once_flag once;
  static Helper* helper = nullptr;
  std::call_once(once, [] {
    try {
      helper = new Helper();  // intentionally leaked, see above
    } catch (...) {
      helper = nullptr;  // no thread available: everything runs inline
    }
  });
  return helper;
}

constexpr int64_t kChunks = 8;

}  // namespace

int ThreadCount() { return g_threads.load(); }

void SetThreadCount(int n) { g_threads.store(n >= 2 ? 2 : 1); }

void ParallelFor(int64_t count, int64_t work, const RangeFn& fn) {
  if (count <= 0) return;
  if (count < 2 || work < kParallelThreshold || g_threads.load() < 2) {
    fn(0, count);
    return;
  }
  Helper* helper = GetHelper();
  if (helper == nullptr || !helper->TryAcquire()) {
    fn(0, count);
    return;
  }
  helper->Run(&fn, count, std::max<int64_t>(1, (count + kChunks - 1) / kChunks));
}

}  // namespace regie
