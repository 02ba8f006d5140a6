<?php
// The demo application ("the developers' program"): one page that shows every tier through the VIP.
// Settings come from the web tier's file outside the document root; nothing here knows an address.
declare(strict_types=1);
mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);

const SETTINGS = '/etc/hastack-web/settings.php';
const RELEASE = 'v1';

function h(string $text): string
{
    return htmlspecialchars($text, ENT_QUOTES);
}

/** Runs $part and returns its result, or the error's message: one failing tier never hides the others. */
function attempt(callable $part): array
{
    try {
        return ['ok' => true, 'value' => $part()];
    } catch (Throwable $error) {
        return ['ok' => false, 'value' => get_class($error) . ': ' . $error->getMessage()];
    }
}

/**
 * A connection that gives up after 2 s: a database host that does not answer (restarting, being rebuilt) must
 * cost one page an error, not hold an Apache worker for PHP's default minute while the requests pile up.
 */
function connect(array $db, string $host): mysqli
{
    $connection = mysqli_init();
    $connection->options(MYSQLI_OPT_CONNECT_TIMEOUT, 2);
    $connection->options(MYSQLI_OPT_READ_TIMEOUT, 5);
    $connection->real_connect($host, $db['user'], $db['password'], $db['database'], $db['port']);
    return $connection;
}

$settings = is_readable(SETTINGS) ? require SETTINGS : null;
$db = $settings['db'] ?? null;

$counter = attempt(function () use ($db): array {
    if ($db === null) {
        throw new RuntimeException('no database in the settings');
    }
    $primary = connect($db, $db['primary']);
    $primary->query('CREATE TABLE IF NOT EXISTS demo_visits (id INT PRIMARY KEY, visits BIGINT NOT NULL, written DATETIME(6) NOT NULL)');
    $primary->query('INSERT INTO demo_visits VALUES (1, 1, NOW(6)) ON DUPLICATE KEY UPDATE visits = visits + 1, written = NOW(6)');
    $written = (int) $primary->query('SELECT visits FROM demo_visits WHERE id = 1')->fetch_row()[0];
    // No replica (one left, or a promotion just took it): the primary answers the read too.
    $replicaAddress = $db['replicas'] ? $db['replicas'][array_rand($db['replicas'])] : $db['primary'];
    $replica = connect($db, $replicaAddress);
    // Lag as the application sees it: how old the replica's copy of the last write is (no REPLICA MONITOR grant needed).
    $row = $replica->query('SELECT visits, TIMESTAMPDIFF(MICROSECOND, written, NOW(6)) FROM demo_visits WHERE id = 1')->fetch_row();
    return ['written' => $written, 'replica' => $replicaAddress, 'read' => $row === null ? null : (int) $row[0], 'lagMs' => $row === null ? null : intdiv((int) $row[1], 1000)];
});

/**
 * This host's file on the shared tree, rewritten at most once a second and read back otherwise. Each host has
 * a file of its own: MooseFS lets one writer at a time hold a chunk, and pages that all rewrote one file
 * queued on it until every Apache worker waited.
 */
function readSharedFile(string $dir): string
{
    $file = $dir . '/demo-app/last-visit-' . gethostname() . '.txt';
    // Another host may create the folder first; any other reason is this page's error, found without asking
    // the mount again (each question costs its timeout while the master is away).
    if (!is_dir(dirname($file)) && !@mkdir(dirname($file), 0775, true)) {
        $why = error_get_last()['message'] ?? 'unknown error';
        if (!str_contains($why, 'File exists')) {
            throw new RuntimeException('cannot create ' . dirname($file) . ': ' . $why);
        }
    }
    clearstatcache();
    if (is_file($file) && time() - filemtime($file) < 1) {
        $read = file_get_contents($file);
        if ($read === false) {
            throw new RuntimeException('cannot read ' . $file);
        }
        return $read;
    }
    $text = gethostname() . ' ' . gmdate('c');
    if (file_put_contents($file, $text) === false) {
        throw new RuntimeException('cannot write ' . $file);
    }
    // What the tree gives back, not what PHP wrote: it must be this host's, never another host's.
    $read = file_get_contents($file);
    if ($read === false || !str_starts_with($read, gethostname() . ' ')) {
        throw new RuntimeException('read back something else from ' . $file);
    }
    return $read;
}

/**
 * The shared tree is used by one worker of this host at a time, and not at all for 5 s after it failed; the
 * other pages show what was last read here. While the MooseFS master is away every operation on the mount
 * waits for the mount's timeout, one after another: pages that all waited on it held every worker.
 */
$shared = attempt(function () use ($settings): array {
    $dir = $settings['shared_dir'] ?? null;
    if ($dir === null) {
        throw new RuntimeException('no shared folder in the settings');
    }
    $local = sys_get_temp_dir() . '/demo-app-shared';
    clearstatcache();
    $failedAt = @filemtime("$local.failed");
    if ($failedAt !== false && time() - $failedAt < 5) {
        throw new RuntimeException('unavailable at ' . gmdate('c', $failedAt) . ', tried again 5 s later');
    }
    $token = fopen("$local.lock", 'c');
    if ($token === false || !flock($token, LOCK_EX | LOCK_NB)) {
        $last = @file_get_contents("$local.last");
        if ($last === false) {
            throw new RuntimeException('in use by another request, nothing read yet');
        }
        return ['text' => $last, 'fresh' => false];
    }
    try {
        $read = readSharedFile($dir);
    } catch (Throwable $error) {
        touch("$local.failed");
        throw $error;
    } finally {
        flock($token, LOCK_UN);
    }
    @unlink("$local.failed");
    file_put_contents("$local.last", $read);
    return ['text' => $read, 'fresh' => true];
});
?>
<!doctype html>
<title>hastack demo</title>
<p>Served by <strong id="host"><?= h((string) gethostname()) ?></strong>, release <span id="release"><?= h(RELEASE) ?></span>, PHP <span id="php"><?= h(PHP_VERSION) ?></span></p>
<?php if ($counter['ok']): ?>
<p>Visits written on the primary: <span id="counter"><?= (int) $counter['value']['written'] ?></span>;
read from replica <?= h($counter['value']['replica']) ?>: <span id="replica-counter"><?= h((string) ($counter['value']['read'] ?? 'none yet')) ?></span>,
replica lag <span id="lag-ms"><?= h((string) ($counter['value']['lagMs'] ?? 'unknown')) ?></span> ms</p>
<?php else: ?>
<p>Database: <span id="db-error"><?= h($counter['value']) ?></span></p>
<?php endif; ?>
<?php if ($shared['ok']): ?>
<p>Shared file read back: <span id="shared-file"><?= h($shared['value']['text']) ?></span><?= $shared['value']['fresh'] ? '' : ' (as read by an earlier request: another one was using the shared tree)' ?></p>
<?php else: ?>
<p>Shared storage: <span id="shared-error"><?= h($shared['value']) ?></span></p>
<?php endif; ?>
