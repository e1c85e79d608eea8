import CCurl
import Foundation
import Synchronization

/// A libcurl multi handle driven by one dedicated thread.
///
/// Only that thread calls libcurl on the multi handle and on the easy handles,
/// except for `curl_multi_wakeup`, which libcurl allows from any thread. Other
/// threads hand over work through a locked queue and then wake the thread.
final class CurlTransferLoop: Sendable {
    private enum Command {
        case start(CurlTransfer, CheckedContinuation<HTTPResponse, any Error>)
        case cancel(CurlTransfer)
    }

    private struct Queue {
        var commands: [Command] = []
        var isStopping = false
        /// Set by the loop's thread before it frees the multi handle. Nothing is queued after that.
        var hasStopped = false
    }

    /// Facts for tests and diagnostics, written by the loop's thread.
    struct Statistics {
        var loopThreadID: UInt?
        var callbackThreadIDs: Set<UInt> = []
        var runningTransfers = 0
        var completedTransfers = 0
    }

    private let queue = Mutex(Queue())
    let statistics = Mutex(Statistics())
    /// Safety: `multi` is freed only after `hasStopped` is set under the queue's lock,
    /// and `curl_multi_wakeup` is called only under that lock while `hasStopped` is false.
    nonisolated(unsafe) private let multi: UnsafeMutableRawPointer
    /// The transfers now in the multi handle, by easy handle. Used on the loop's thread only.
    nonisolated(unsafe) private var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    init() throws {
        CurlGlobal.initialiseOnce()
        guard let multi = curl_multi_init() else {
            throw HTTPError.transferFailed(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_multi_init() failed")
        }
        self.multi = multi
        let thread = Thread { [self] in run() }
        thread.name = "paragraph-http"
        thread.start()
    }

    /// Queue a transfer. Returns false, without resuming `continuation`, once the loop has stopped.
    func submit(_ transfer: CurlTransfer, continuation: CheckedContinuation<HTTPResponse, any Error>) -> Bool {
        enqueue(.start(transfer, continuation))
    }

    /// Cancel a transfer whether it is queued, running or already finished.
    func cancel(_ transfer: CurlTransfer) {
        _ = enqueue(.cancel(transfer))
    }

    /// End the loop: running and queued transfers fail with `HTTPError.clientShutDown`.
    func stop() {
        queue.withLock { queue in
            guard !queue.hasStopped else { return }
            queue.isStopping = true
            _ = curl_multi_wakeup(multi)
        }
    }

    private func enqueue(_ command: Command) -> Bool {
        queue.withLock { queue in
            guard !queue.hasStopped else { return false }
            queue.commands.append(command)
            _ = curl_multi_wakeup(multi)
            return true
        }
    }

    // MARK: The loop's thread

    private func run() {
        statistics.withLock { $0.loopThreadID = currentThreadID() }

        while true {
            let (commands, isStopping) = queue.withLock { queue in
                defer { queue.commands = [] }
                return (queue.commands, queue.isStopping)
            }
            if isStopping {
                shutDown(drained: commands)
                return
            }
            for command in commands {
                switch command {
                case .start(let transfer, let continuation):
                    start(transfer, continuation: continuation)
                case .cancel(let transfer):
                    cancel(transferOnLoop: transfer)
                }
            }

            var stillRunning: Int32 = 0
            _ = curl_multi_perform(multi, &stillRunning)
            collectFinishedTransfers()

            // libcurl shortens this wait to its own next timeout, and a wakeup ends it at once.
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
    }

    private func start(_ transfer: CurlTransfer, continuation: CheckedContinuation<HTTPResponse, any Error>) {
        transfer.continuation = continuation
        if transfer.cancelRequested {
            complete(transfer, with: .failure(CancellationError()))
            return
        }

        let easy: UnsafeMutableRawPointer
        do {
            easy = try transfer.makeEasyHandle()
        } catch {
            complete(transfer, with: .failure(error))
            return
        }

        let status = curl_multi_add_handle(multi, easy)
        guard status == CURLM_OK else {
            transfer.releaseCurlResources()
            let message = String(cString: curl_multi_strerror(status))
            complete(transfer, with: .failure(HTTPError.transferFailed(code: Int(status.rawValue), message: message)))
            return
        }
        running[easy] = transfer
        transfer.state = .running
        statistics.withLock { $0.runningTransfers = running.count }
    }

    private func cancel(transferOnLoop transfer: CurlTransfer) {
        switch transfer.state {
        case .queued:
            // The start command is still behind this one in the queue.
            transfer.cancelRequested = true
        case .running:
            finish(transfer, with: .failure(CancellationError()))
        case .finished:
            break
        }
    }

    private func collectFinishedTransfers() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard paragraph_message_is_done(message) != 0,
                  let easy = paragraph_message_easy_handle(message),
                  let transfer = running[easy] else { continue }
            finish(transfer, with: transfer.outcome(paragraph_message_result(message)))
        }
    }

    /// Detach a running transfer from the multi handle, free its libcurl resources and resume its caller.
    private func finish(_ transfer: CurlTransfer, with result: Result<HTTPResponse, any Error>) {
        if let easy = transfer.easy {
            _ = curl_multi_remove_handle(multi, easy)
            running[easy] = nil
        }
        transfer.releaseCurlResources()
        let threadID = transfer.callbackThreadID
        statistics.withLock { statistics in
            statistics.runningTransfers = running.count
            statistics.completedTransfers += 1
            if let threadID { statistics.callbackThreadIDs.insert(threadID) }
        }
        complete(transfer, with: result)
    }

    private func complete(_ transfer: CurlTransfer, with result: Result<HTTPResponse, any Error>) {
        transfer.state = .finished
        let continuation = transfer.continuation
        transfer.continuation = nil
        continuation?.resume(with: result)
    }

    /// Fail every transfer, running or queued, and free the multi handle.
    private func shutDown(drained: [Command]) {
        let leftover = drained + queue.withLock { queue in
            queue.hasStopped = true
            defer { queue.commands = [] }
            return queue.commands
        }
        for transfer in Array(running.values) {
            finish(transfer, with: .failure(HTTPError.clientShutDown))
        }
        for command in leftover {
            if case .start(let transfer, let continuation) = command {
                transfer.continuation = continuation
                complete(transfer, with: .failure(HTTPError.clientShutDown))
            }
        }
        _ = curl_multi_cleanup(multi)
    }
}

/// libcurl's process-wide setup, which must run once before any other libcurl call.
enum CurlGlobal {
    private static let status: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    static func initialiseOnce() {
        _ = status
    }
}
