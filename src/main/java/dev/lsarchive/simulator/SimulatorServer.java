package dev.lsarchive.simulator;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import org.springframework.boot.web.server.PortInUseException;

/** The JDK's HTTP server on 127.0.0.1, serving every path with one handler on a pool of daemon threads. */
final class SimulatorServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor;

	/** Listens on {@code port} (0: a free one) and starts serving. */
	SimulatorServer(int port, int threads, HttpHandler handler) {
		// without it, small answers wait for the client's delayed ACK (~40 ms each): read once, at first use
		System.setProperty("sun.net.httpserver.nodelay", "true");
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
		}
		catch (BindException ex) {
			// told in one line by the start, as the receiver's own port is
			throw new PortInUseException(port, ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot listen on 127.0.0.1:" + port + ": " + ex.getMessage(), ex);
		}
		AtomicInteger threadNumber = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, "simulator-" + threadNumber.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", handler);
		this.server.start();
	}

	/** The base URL, e.g. {@code http://127.0.0.1:18080}. */
	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
