// Starts Swagger UI on /docs from a file of the app's own (the page's Content-Security-Policy allows no
// inline script). The OpenAPI address comes from the container's data-openapi-url attribute; no online
// validator (validatorUrl: null), so nothing is fetched from another host.
(function () {
  "use strict";
  var container = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: container.getAttribute("data-openapi-url"),
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset]
  });
})();
