#!/usr/bin/env bash
# A real single-node Apache Kafka (KRaft: broker + controller in one JVM, no ZooKeeper) for
# development, CI and the integration tests. Jars come from Maven Central through Maven and are
# cached under .cache/kafka/<version>/lib; the broker listens on 127.0.0.1 only.
#
#   deploy/kafka/kafka.sh fetch    resolve the jars (idempotent)
#   deploy/kafka/kafka.sh start    write server.properties, format storage once, start, wait until ready
#   deploy/kafka/kafka.sh stop     SIGTERM, bounded wait, then SIGKILL
#   deploy/kafka/kafka.sh status   exit 0 when running (prints pid and port), 3 when stopped
#
# Environment (all optional):
#   KAFKA_VERSION            3.9.1          (3.9 runs on Java 11+; its jars resolve from Maven Central)
#   KAFKA_PORT               19092          client listener (not 9092, to stay clear of other brokers)
#   KAFKA_CONTROLLER_PORT    19093          KRaft controller listener
#   KAFKA_RUN_DIR            .cache/kafka/run-$KAFKA_PORT   properties, data, pid and log
#   KAFKA_HEAP_OPTS          -Xms256m -Xmx768m
#   KAFKA_START_TIMEOUT_S    90             how long start waits for the broker to be ready
#   KAFKA_STOP_TIMEOUT_S     30             how long stop waits after SIGTERM before SIGKILL
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KAFKA_VERSION="${KAFKA_VERSION:-3.9.1}"
KAFKA_PORT="${KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
CACHE_DIR="${TELSENTRY_KAFKA_CACHE:-$ROOT/.cache/kafka}"
LIB_DIR="$CACHE_DIR/$KAFKA_VERSION/lib"
RUN_DIR="${KAFKA_RUN_DIR:-$CACHE_DIR/run-$KAFKA_PORT}"
PID_FILE="$RUN_DIR/kafka.pid"
LOG_FILE="$RUN_DIR/kafka.log"
PROPS_FILE="$RUN_DIR/server.properties"
DATA_DIR="$RUN_DIR/data"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"
START_TIMEOUT_S="${KAFKA_START_TIMEOUT_S:-90}"
STOP_TIMEOUT_S="${KAFKA_STOP_TIMEOUT_S:-30}"

log() { echo "kafka.sh: $*" >&2; }

fetch() {
  if [ -f "$LIB_DIR/.complete" ]; then return 0; fi
  command -v mvn >/dev/null || { log "mvn not found (install maven)"; exit 1; }
  command -v java >/dev/null || { log "java not found (install a JDK ≥ 11)"; exit 1; }
  mkdir -p "$CACHE_DIR/$KAFKA_VERSION"
  local pom="$CACHE_DIR/$KAFKA_VERSION/pom.xml"
  # kafka_2.13 brings the server (kafka.Kafka, kafka.tools.StorageTool) and its runtime deps;
  # slf4j-reload4j gives the broker a log backend so kafka.log says what happened.
  cat >"$pom" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>telsentry</groupId>
  <artifactId>kafka-broker-jars</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-storage</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
EOF
  local tmp="$LIB_DIR.tmp.$$"
  rm -rf "$tmp"
  log "resolving Kafka $KAFKA_VERSION jars from Maven Central"
  mvn -q -B -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp"
  rm -rf "$LIB_DIR"
  mv "$tmp" "$LIB_DIR"
  touch "$LIB_DIR/.complete"
}

list_jar() {
  if command -v unzip >/dev/null 2>&1; then unzip -Z1 "$1" 2>/dev/null; else jar tf "$1" 2>/dev/null; fi
}

# The server class names moved between releases: pick what the fetched jars contain.
storage_tool_class() {
  local jar
  for jar in "$LIB_DIR"/kafka_2.13-*.jar "$LIB_DIR"/kafka-tools-[0-9]*.jar "$LIB_DIR"/kafka-storage-[0-9]*.jar; do
    [ -f "$jar" ] || continue
    local entries
    entries="$(list_jar "$jar")"
    if grep -q '^kafka/tools/StorageTool.class$' <<<"$entries"; then echo kafka.tools.StorageTool; return; fi
    if grep -q '^org/apache/kafka/tools/StorageTool.class$' <<<"$entries"; then echo org.apache.kafka.tools.StorageTool; return; fi
  done
  echo kafka.tools.StorageTool
}

running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

port_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

write_properties() {
  mkdir -p "$RUN_DIR" "$DATA_DIR"
  cat >"$PROPS_FILE" <<EOF
# Written by deploy/kafka/kafka.sh: single-node KRaft on loopback for tests and development.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA_DIR
# Topics are created explicitly (with their partition counts); a typo must not create a topic.
auto.create.topics.enable=false
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
# No 3 s wait before the first rebalance: tests join groups immediately.
group.initial.rebalance.delay.ms=0
# Small segments and short retention keep the test broker's disk use bounded.
log.segment.bytes=16777216
log.retention.bytes=268435456
log.retention.hours=24
# Two shared cores: few threads.
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
background.threads=4
EOF
}

format_storage() {
  if [ -f "$DATA_DIR/meta.properties" ]; then return 0; fi
  local tool cluster_id
  tool="$(storage_tool_class)"
  cluster_id="$(java -cp "$LIB_DIR/*" "$tool" random-uuid 2>/dev/null | tail -n 1)"
  log "formatting $DATA_DIR (cluster $cluster_id, $tool)"
  java -cp "$LIB_DIR/*" "$tool" format -t "$cluster_id" -c "$PROPS_FILE" >>"$RUN_DIR/format.log" 2>&1 \
    || { log "storage format failed:"; cat "$RUN_DIR/format.log" >&2; exit 1; }
}

start() {
  if pid="$(running_pid)"; then log "already running (pid $pid, port $KAFKA_PORT)"; return 0; fi
  fetch
  if port_answers "$KAFKA_PORT" || port_answers "$KAFKA_CONTROLLER_PORT"; then
    log "port $KAFKA_PORT or $KAFKA_CONTROLLER_PORT is taken by another process"; exit 1
  fi
  write_properties
  format_storage
  cat >"$RUN_DIR/log4j.properties" <<EOF
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
EOF
  : >"$LOG_FILE"
  # shellcheck disable=SC2086 # heap options are several words
  nohup java $KAFKA_HEAP_OPTS -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$RUN_DIR/log4j.properties" \
    -cp "$LIB_DIR/*" kafka.Kafka "$PROPS_FILE" >>"$LOG_FILE" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  local pid deadline
  pid="$(cat "$PID_FILE")"
  deadline=$(( $(date +%s) + START_TIMEOUT_S ))
  # Ready = port answers and the server logged that it finished starting (the port opens earlier).
  until port_answers "$KAFKA_PORT" && grep -q 'Kafka Server started' "$LOG_FILE"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "broker exited during start; last log lines:"; tail -n 30 "$LOG_FILE" >&2; rm -f "$PID_FILE"; exit 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "broker not ready after ${START_TIMEOUT_S}s; stopping it. Last log lines:"; tail -n 30 "$LOG_FILE" >&2
      stop; exit 1
    fi
    sleep 0.5
  done
  log "started (pid $pid, 127.0.0.1:$KAFKA_PORT, run dir $RUN_DIR)"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then rm -f "$PID_FILE"; log "not running"; return 0; fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$(( $(date +%s) + STOP_TIMEOUT_S ))
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "no exit ${STOP_TIMEOUT_S}s after SIGTERM; sending SIGKILL to $pid"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.5
  done
  rm -f "$PID_FILE"
  log "stopped (pid $pid)"
}

status() {
  local pid
  if pid="$(running_pid)"; then echo "running pid=$pid port=$KAFKA_PORT run_dir=$RUN_DIR"; return 0; fi
  echo "stopped port=$KAFKA_PORT run_dir=$RUN_DIR"
  return 3
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 {fetch|start|stop|status}" >&2; exit 2 ;;
esac
