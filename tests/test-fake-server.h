/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <mysqlbinlog-glib.h>

#include "test-util.h"

G_BEGIN_DECLS

/*
 * The stream against a fake server that speaks just enough of the MySQL
 * client/server protocol to misbehave: it strips TLS from its greeting,
 * asks for authentications that send the password in clear text, answers
 * with garbage, or goes silent.  It records every byte it receives, so that
 * a test can check that no credential reached it.
 */

#define USER     "fake-user-name"
#define PASSWORD "fake-secret-password"

/* Capability flags of the greeting. */
#define CAP_LONG_FLAG            0x00000004
#define CAP_CONNECT_WITH_DB      0x00000008
#define CAP_PROTOCOL_41          0x00000200
#define CAP_SSL                  0x00000800
#define CAP_TRANSACTIONS         0x00002000
#define CAP_SECURE_CONNECTION    0x00008000
#define CAP_MULTI_STATEMENTS     0x00010000
#define CAP_MULTI_RESULTS        0x00020000
#define CAP_PLUGIN_AUTH          0x00080000
#define CAP_PLUGIN_AUTH_LENENC   0x00200000

#define CAP_BASE (CAP_LONG_FLAG | CAP_CONNECT_WITH_DB | CAP_PROTOCOL_41 | CAP_TRANSACTIONS | \
                  CAP_SECURE_CONNECTION | CAP_MULTI_STATEMENTS | CAP_MULTI_RESULTS |          \
                  CAP_PLUGIN_AUTH | CAP_PLUGIN_AUTH_LENENC)

typedef enum {
  /* Credentials */
  FAKE_GREETING_CLEAR_PASSWORD,  /* no TLS, asks for mysql_clear_password */
  FAKE_SWITCH_CLEAR_PASSWORD,    /* no TLS, native greeting, then switches */
  FAKE_SWITCH_CACHING_SHA2,      /* no TLS, switches to caching_sha2_password, full auth */
  FAKE_SWITCH_DIALOG,            /* no TLS, switches to the dialog plugin */
  FAKE_NO_PLUGIN_AUTH,           /* no TLS, no plugin authentication, then switches */
  FAKE_ADVERTISES_TLS,           /* offers TLS, then answers the TLS hello with garbage */
  /* Protocol violations and silence */
  FAKE_GARBAGE_GREETING,         /* bytes that are no greeting */
  FAKE_TRUNCATED_GREETING,       /* a greeting cut short */
  FAKE_GARBAGE_AFTER_LOGIN,      /* a malformed answer to the first query */
  FAKE_SILENT_GREETING,          /* accepts the connection, says nothing */
  FAKE_SILENT_AFTER_LOGIN,       /* never answers a query */
  FAKE_SILENT_DUMP,              /* answers the queries, then sends no event */
  FAKE_PARTIAL_EVENT,            /* starts a 4 MiB event, sends 64 KiB of it, goes silent */
} FakeMode;

typedef struct
{
  FakeMode    mode;
  int         listen_fd;
  guint16     port;
  GThread    *thread;
  gint        stopping;        /* atomic */
  GMutex      lock;
  GByteArray *received;        /* every byte of every connection */
  guint       n_connections;
  guint       n_dumps;
} FakeServer;

FakeServer        *fake_server_start       (FakeMode mode);
void               fake_server_stop        (FakeServer *server);
gboolean           fake_server_received    (FakeServer *server,
                                            const char *text);
guint              fake_server_connections (FakeServer *server);
MysqlBinlogStream *new_stream              (FakeServer *server,
                                            MysqlBinlogTlsMode mode);
gboolean           run_with_limit          (MysqlBinlogStream *stream,
                                            guint limit_s,
                                            double *seconds,
                                            gboolean *stopped,
                                            GError **error);

G_END_DECLS
