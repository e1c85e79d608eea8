import Foundation

/// Runs work that blocks on the disk, such as atomic writes that wait for `fsync`, on
/// threads of its own instead of Swift's cooperative pool.
///
/// The cooperative pool has one thread per core, so a task waiting for the disk there
/// leaves a core idle. Here more items than cores run at once, so one item's rendering
/// overlaps another's wait, and the limit keeps the memory of items in flight bounded.
enum BlockingWorkQueue {
    /// How many items run at once: enough to keep every core busy while some wait for the disk.
    static var defaultWidth: Int { max(4, ProcessInfo.processInfo.activeProcessorCount * 4) }

    /// Calls `body` for every index in `0..<count`, up to `width` at a time, and returns
    /// the results in index order.
    static func map<Result: Sendable>(
        _ count: Int, width: Int = defaultWidth, _ body: @escaping @Sendable (Int) -> Result
    ) async -> [Result] {
        guard count > 0 else { return [] }
        let results = ResultSlots<Result>(count: count)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let queue = OperationQueue()
            queue.name = "paragraph.blocking-work"
            queue.maxConcurrentOperationCount = width
            let finished = BlockOperation { continuation.resume() }
            for index in 0..<count {
                let operation = BlockOperation { results.set(index, body(index)) }
                finished.addDependency(operation)
                queue.addOperation(operation)
            }
            queue.addOperation(finished)
        }
        return results.values
    }

    /// Result storage that operations on different threads fill in, one slot each.
    private final class ResultSlots<Result: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result?]

        init(count: Int) {
            slots = Array(repeating: nil, count: count)
        }

        func set(_ index: Int, _ value: Result) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }

        /// Every slot, which must all be set.
        var values: [Result] {
            lock.lock()
            defer { lock.unlock() }
            return slots.map { $0! }
        }
    }
}
