/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <mysqlbinlog-glib.h>

G_BEGIN_DECLS

/* The connection settings the option files give. */
typedef struct
{
  char     *host;
  guint     port;          /* 0: none */
  char     *socket_path;
  char     *user;
  char     *password;
  char     *ssl_ca;
  char     *ssl_capath;
  char     *ssl_cert;
  char     *ssl_key;
  char     *ssl_cipher;
  gboolean  has_tls_mode;  /* ssl-enforce, ssl-verify-server-cert, ssl-mode */
  MysqlBinlogTlsMode tls_mode;
  gboolean  tcp;           /* protocol=tcp: the socket is not used */
} MbgOptionFiles;

void     mbg_option_files_clear (MbgOptionFiles  *files);
gboolean mbg_option_files_read  (const char      *defaults_file,
                                 const char      *group,
                                 MbgOptionFiles  *files,
                                 GError         **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MbgOptionFiles, mbg_option_files_clear)

G_END_DECLS
