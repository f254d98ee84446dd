// Job page: polls the job status once a second until it ends, then reloads to show the result.
(function () {
    'use strict';
    const el = document.getElementById('travail');
    if (!el || el.dataset.termine === 'oui') {
        return;
    }
    const step = document.getElementById('travail-etape');
    const bar = document.getElementById('travail-progression');
    const poll = () => fetch(el.dataset.statut, { headers: { Accept: 'application/json' } })
        .then(r => r.json())
        .then(s => {
            step.textContent = s.etape;
            bar.max = Math.max(1, s.total);
            bar.value = s.fait;
            if (s.termine) {
                window.location.reload();
            } else {
                window.setTimeout(poll, 1000);
            }
        })
        .catch(() => window.setTimeout(poll, 3000));
    window.setTimeout(poll, 500);
})();
