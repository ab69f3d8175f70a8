"""Pages: thin routes that call the service layer and render templates or fragments."""
