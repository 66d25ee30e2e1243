package org.tripletgrad.autograd;

import static java.util.stream.Collectors.toList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tripletgrad.tensor.Tensor;

class AnomalyTest {

    @AfterEach
    void anomalyOff() {
        Anomaly.setEnabled(false);
    }

    /** The line that calls this method, read from the stack independently of the code under test. */
    private static int callerLine() {
        return new Throwable().getStackTrace()[1].getLineNumber();
    }

    private static String at(int line) {
        return "AnomalyTest.java:" + line + ")";
    }

    @Test
    void forwardNaNNamesTheOpAndTheLineThatCreatedIt() {
        Anomaly.setEnabled(true);
        Var x = Var.param(Tensor.vector(1, -1));
        int line = callerLine() + 1;
        AnomalyException e = assertThrows(AnomalyException.class, () -> x.log());

        assertTrue(e.getMessage().startsWith("log: forward produced NaN at flat index 1"), e.getMessage());
        assertTrue(e.getMessage().contains(at(line)), e.getMessage());
        assertEquals("log", e.op());
        assertEquals(line, e.origin().getLineNumber());
    }

    @Test
    void backwardInfinityNamesTheOpAndTheLineThatCreatedItNotTheLineOfBackward() {
        Anomaly.setEnabled(true);
        Var x = Var.param(Tensor.vector(0, 1));
        int line = callerLine() + 1;
        Var y = x.sqrt();
        Var loss = y.sum();
        AnomalyException e = assertThrows(AnomalyException.class, loss::backward);

        assertTrue(e.getMessage().startsWith("sqrt: backward produced Infinity at flat index 0"), e.getMessage());
        assertTrue(e.getMessage().contains("input 0"), e.getMessage());
        assertTrue(e.getMessage().contains(at(line)), e.getMessage());
    }

    @Test
    void anOpComposedInsideTheEngineIsTracedToTheUserLine() {
        Anomaly.setEnabled(true);
        Var x = Var.param(Tensor.vector(Double.MAX_VALUE, Double.MAX_VALUE));
        int line = callerLine() + 1;
        AnomalyException e = assertThrows(AnomalyException.class, () -> x.mean());

        // mean is sum / n; the sum overflows, and the line named is this test's, not the engine's
        assertTrue(e.getMessage().startsWith("sum: forward produced Infinity"), e.getMessage());
        assertTrue(e.getMessage().contains(at(line)), e.getMessage());
    }

    @Test
    void jdkFramesBetweenTheCallerAndTheOpAreSkipped() {
        Anomaly.setEnabled(true);
        List<Var> xs = List.of(Var.param(Tensor.vector(-2)));
        int line = callerLine() + 1;
        AnomalyException e = assertThrows(AnomalyException.class, () -> xs.stream().map(Var::sqrt).collect(toList()));

        assertTrue(e.getMessage().contains(at(line)), e.getMessage());
    }

    @Test
    void everyValueRecordsItsOriginWhileAnomalyModeIsOn() {
        Var before = Var.param(Tensor.scalar(1)).exp();
        Anomaly.setEnabled(true);
        int line = callerLine() + 1;
        Var during = before.exp();

        assertEquals(null, before.origin());
        assertEquals("AnomalyTest.java", during.origin().getFileName());
        assertEquals(line, during.origin().getLineNumber());
    }

    @Test
    void aBackwardAnomalyInAGraphBuiltWithAnomalyOffSaysTheOriginIsUnknown() {
        Var x = Var.param(Tensor.vector(0));
        Var loss = x.sqrt().sum();
        Anomaly.setEnabled(true);
        AnomalyException e = assertThrows(AnomalyException.class, loss::backward);

        assertTrue(e.getMessage().startsWith("sqrt: backward produced Infinity"), e.getMessage());
        assertTrue(e.getMessage().contains("origin unknown"), e.getMessage());
    }

    @Test
    void withAnomalyModeOffNaNPropagatesSilently() {
        Var x = Var.param(Tensor.vector(-1));
        Var y = x.log();

        assertTrue(Double.isNaN(y.value().get(0)));
    }
}
