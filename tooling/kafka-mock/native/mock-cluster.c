/*
 * A Kafka-protocol broker for tests and demos: librdkafka's mock cluster on loopback.
 * Usage: mock-cluster <brokers> [topic:partitions ...]
 * Prints the bootstrap servers on the first line of stdout, then runs until stdin closes or a
 * signal arrives. Topics are created here because the mock broker does not implement CreateTopics.
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop_requested = 0;

static void on_signal(int sig) {
  (void)sig;
  stop_requested = 1;
}

int main(int argc, char **argv) {
  char errstr[512];
  int brokers = argc > 1 ? atoi(argv[1]) : 1;
  if (brokers < 1) brokers = 1;
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  /* The handle only hosts the mock cluster; it never connects anywhere. */
  if (rd_kafka_conf_set(conf, "log_level", "0", errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
    fprintf(stderr, "mock-cluster: %s\n", errstr);
    return 1;
  }
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (!rk) {
    fprintf(stderr, "mock-cluster: %s\n", errstr);
    return 1;
  }
  rd_kafka_mock_cluster_t *cluster = rd_kafka_mock_cluster_new(rk, brokers);
  if (!cluster) {
    fprintf(stderr, "mock-cluster: could not start the mock cluster\n");
    rd_kafka_destroy(rk);
    return 1;
  }
  for (int i = 2; i < argc; i++) {
    char *spec = argv[i];
    char *colon = strrchr(spec, ':');
    int partitions = 1;
    if (colon) {
      *colon = '\0';
      partitions = atoi(colon + 1);
    }
    rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(cluster, spec, partitions, 1);
    if (err) {
      fprintf(stderr, "mock-cluster: topic %s: %s\n", spec, rd_kafka_err2str(err));
      rd_kafka_mock_cluster_destroy(cluster);
      rd_kafka_destroy(rk);
      return 1;
    }
  }
  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  printf("%s\n", rd_kafka_mock_cluster_bootstraps(cluster));
  fflush(stdout);
  /*
   * Commands on stdin, one a line, each answered by one line "ok" or "error <text>":
   *   topic <name> <partitions>  creates a topic
   *   down <brokerId>            closes the broker's connections and refuses new ones (accepts, then closes at once)
   *   up <brokerId>              lets the broker accept connections again
   *   down-all / up-all          the same for every broker
   *   fail <apiKey> <error> <n>  the next n requests of protocol type apiKey fail with Kafka error code `error`
   * Broker ids are 1..<brokers>. Topic data and group state survive down/up: only the connections go.
   */
  char line[1024];
  while (!stop_requested && fgets(line, sizeof line, stdin)) {
    char name[900];
    int number = 1;
    int api_key = 0;
    int error_code = 0;
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
    if (sscanf(line, "topic %899s %d", name, &number) >= 1) {
      err = rd_kafka_mock_topic_create(cluster, name, number, 1);
    } else if (sscanf(line, "fail %d %d %d", &api_key, &error_code, &number) == 3) {
      if (number < 1 || number > 64 || api_key < 0 || api_key > 100) {
        err = RD_KAFKA_RESP_ERR__INVALID_ARG;
      } else {
        rd_kafka_resp_err_t errors[64];
        for (int i = 0; i < number; i++) errors[i] = (rd_kafka_resp_err_t)error_code;
        rd_kafka_mock_push_request_errors_array(cluster, (int16_t)api_key, (size_t)number, errors);
      }
    } else if (strncmp(line, "down-all", 8) == 0) {
      err = rd_kafka_mock_broker_set_down(cluster, -1);
    } else if (strncmp(line, "up-all", 6) == 0) {
      err = rd_kafka_mock_broker_set_up(cluster, -1);
    } else if (sscanf(line, "down %d", &number) == 1) {
      err = number >= 1 && number <= brokers ? rd_kafka_mock_broker_set_down(cluster, number) : RD_KAFKA_RESP_ERR__INVALID_ARG;
    } else if (sscanf(line, "up %d", &number) == 1) {
      err = number >= 1 && number <= brokers ? rd_kafka_mock_broker_set_up(cluster, number) : RD_KAFKA_RESP_ERR__INVALID_ARG;
    } else {
      printf("error unknown command\n");
      fflush(stdout);
      continue;
    }
    if (err) printf("error %s\n", rd_kafka_err2str(err));
    else printf("ok\n");
    fflush(stdout);
  }
  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(rk);
  return 0;
}
