// Demand page: the attestation's print button (no inline script under the CSP).
(function () {
    'use strict';
    var button = document.getElementById('imprimer-attestation');
    if (button) {
        button.addEventListener('click', function () {
            document.body.classList.add('impression-attestation');
            window.print();
            document.body.classList.remove('impression-attestation');
        });
    }
})();
