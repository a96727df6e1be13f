package dev.tandem.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on 127.0.0.1 that a test can cut and restore, to make a server unreachable for a
 * running node (refused connections, broken ones) without stopping the server itself.
 */
public final class TcpProxy implements AutoCloseable {
    private final Vertx vertx;
    private final int port;
    private final int targetPort;
    private final NetClient client;
    private final List<NetSocket> sockets = new CopyOnWriteArrayList<>();
    private NetServer server;

    private TcpProxy(Vertx vertx, int port, int targetPort) {
        this.vertx = vertx;
        this.port = port;
        this.targetPort = targetPort;
        this.client = vertx.createNetClient();
    }

    /** A proxy listening on a free port, forwarding to {@code targetPort}. */
    public static TcpProxy start(Vertx vertx, int targetPort) throws Exception {
        TcpProxy proxy = new TcpProxy(vertx, TestNodes.freePort(), targetPort);
        proxy.restore();
        return proxy;
    }

    public int port() {
        return port;
    }

    /** Stops listening and breaks every forwarded connection: the target looks down. */
    public void cut() throws Exception {
        server.close().await(10, TimeUnit.SECONDS);
        for (NetSocket s : sockets) {
            s.close();
        }
        sockets.clear();
    }

    /** Listens again on the same port. */
    public void restore() throws Exception {
        server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(port).setReuseAddress(true))
                .connectHandler(this::forward);
        server.listen().await(10, TimeUnit.SECONDS);
    }

    private void forward(NetSocket in) {
        in.pause();
        sockets.add(in);
        client.connect(targetPort, "127.0.0.1").onSuccess(out -> {
            sockets.add(out);
            in.pipeTo(out);
            out.pipeTo(in);
            in.resume();
        }).onFailure(e -> in.close());
    }

    @Override
    public void close() throws Exception {
        Future.join(server.close(), client.close()).await(10, TimeUnit.SECONDS);
        for (NetSocket s : sockets) {
            s.close();
        }
    }
}
