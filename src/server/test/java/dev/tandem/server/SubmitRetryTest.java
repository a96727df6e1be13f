package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.client.ClientDocument;
import dev.tandem.client.TandemClient;
import dev.tandem.client.TandemClientOptions;
import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.LostEdits;
import dev.tandem.protocol.ServerMessage;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A gateway whose requests to the sequencer time out retries them; when the first attempt had
 * committed and the client has moved on, the retry is refused as stale. That refusal concerns an
 * edit the client already saw acknowledged and must not reach it (it would resync and drop its
 * newer, unconfirmed edits). Found by the load test (W2 under a loaded machine).
 */
class SubmitRetryTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aLateRetryOfAnAcknowledgedEditIsNotReportedToTheClient() throws Exception {
        Vertx vertx = Vertx.vertx();
        TandemOptions options = TestNodes.options(TestNodes.newDatabaseUrl());
        options.gateway().setRequestTimeoutMs(1); // every commit outlasts it: each submit is retried
        TandemNode node = TestNodes.start(vertx, options);
        TandemClient client = TandemClient.create(vertx, new TandemClientOptions()
                .setUrl("http://127.0.0.1:" + node.port()));
        List<String> problems = new CopyOnWriteArrayList<>();
        try {
            ClientDocument doc = client.open("retried", true).await(30, TimeUnit.SECONDS);
            doc.addListener(new DocumentListener() {
                @Override
                public void error(ServerMessage.Error error) {
                    problems.add(error.code());
                }

                @Override
                public void editsLost(LostEdits lost) {
                    problems.add("EDITS_LOST");
                }
            });
            StringBuilder typed = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                String c = Character.toString('a' + i % 26);
                doc.append(c);
                typed.append(c);
                if (i % 3 == 0) {
                    doc.whenSynced().await(30, TimeUnit.SECONDS); // one edit at a time now and then
                }
            }
            doc.whenSynced().await(30, TimeUnit.SECONDS);
            // A barrier for late retries: the session sends every attempt to the sequencer in
            // order, the sequencer answers in order, and the client hears in order. So once one
            // more edit is acknowledged, every earlier attempt has been answered and anything it
            // made the gateway tell the client (an error, a lost edit) has arrived.
            doc.append(".");
            typed.append('.');
            doc.whenSynced().await(30, TimeUnit.SECONDS);
            assertEquals(List.of(), problems);
            assertEquals(typed.toString(), doc.text());
            assertTrue(doc.isSynced());
        } finally {
            client.close().await(10, TimeUnit.SECONDS);
            TestNodes.stop(node);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
