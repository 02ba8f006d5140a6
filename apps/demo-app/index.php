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

$settings = is_readable(SETTINGS) ? require SETTINGS : null;
$db = $settings['db'] ?? null;

$counter = attempt(function () use ($db): array {
    if ($db === null) {
        throw new RuntimeException('no database in the settings');
    }
    $primary = new mysqli($db['primary'], $db['user'], $db['password'], $db['database'], $db['port']);
    $primary->query('CREATE TABLE IF NOT EXISTS demo_visits (id INT PRIMARY KEY, visits BIGINT NOT NULL, written DATETIME(6) NOT NULL)');
    $primary->query('INSERT INTO demo_visits VALUES (1, 1, NOW(6)) ON DUPLICATE KEY UPDATE visits = visits + 1, written = NOW(6)');
    $written = (int) $primary->query('SELECT visits FROM demo_visits WHERE id = 1')->fetch_row()[0];
    // No replica (one left, or a promotion just took it): the primary answers the read too.
    $replicaAddress = $db['replicas'] ? $db['replicas'][array_rand($db['replicas'])] : $db['primary'];
    $replica = new mysqli($replicaAddress, $db['user'], $db['password'], $db['database'], $db['port']);
    // Lag as the application sees it: how old the replica's copy of the last write is (no REPLICA MONITOR grant needed).
    $row = $replica->query('SELECT visits, TIMESTAMPDIFF(MICROSECOND, written, NOW(6)) FROM demo_visits WHERE id = 1')->fetch_row();
    return ['written' => $written, 'replica' => $replicaAddress, 'read' => $row === null ? null : (int) $row[0], 'lagMs' => $row === null ? null : intdiv((int) $row[1], 1000)];
});

$shared = attempt(function () use ($settings): string {
    $dir = $settings['shared_dir'] ?? null;
    if ($dir === null) {
        throw new RuntimeException('no shared folder in the settings');
    }
    $file = $dir . '/demo-app/last-visit.txt';
    if (!is_dir(dirname($file)) && !mkdir(dirname($file), 0775, true) && !is_dir(dirname($file))) {
        throw new RuntimeException('cannot create ' . dirname($file));
    }
    $text = gethostname() . ' ' . gmdate('c');
    if (file_put_contents($file, $text, LOCK_EX) === false) {
        throw new RuntimeException('cannot write ' . $file);
    }
    $read = file_get_contents($file);
    if ($read !== $text) {
        throw new RuntimeException('read back something else from ' . $file);
    }
    return $read;
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
<p>Shared file read back: <span id="shared-file"><?= h($shared['value']) ?></span></p>
<?php else: ?>
<p>Shared storage: <span id="shared-error"><?= h($shared['value']) ?></span></p>
<?php endif; ?>
