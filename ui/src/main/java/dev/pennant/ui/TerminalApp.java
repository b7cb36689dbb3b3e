package dev.pennant.ui;

import atlantafx.base.theme.PrimerDark;
import dev.pennant.ui.view.MainView;
import dev.pennant.ui.viewmodel.TerminalViewModel;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: AtlantaFX Primer Dark theme, one main window. */
public final class TerminalApp extends Application {

    private TerminalViewModel viewModel;

    @Override
    public void start(Stage stage) {
        TerminalOptions options = TerminalLauncher.options();
        if (options == null) {
            throw new IllegalStateException("start the terminal through TerminalLauncher.launch(options)");
        }
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        viewModel = new TerminalViewModel(options);
        MainView view = new MainView(viewModel);
        Scene scene = new Scene(view.root(), 1480, 920);
        scene.getStylesheets().add(MainView.stylesheet());
        stage.titleProperty().bind(Bindings.createStringBinding(() -> "Pennant — " + viewModel.chartSymbolProperty().get()
                        + " " + viewModel.chartIntervalProperty().get() + " — " + viewModel.modeProperty().get(),
                viewModel.chartSymbolProperty(), viewModel.chartIntervalProperty(), viewModel.modeProperty()));
        stage.setScene(scene);
        StartupProbe.attach(scene, view::chartCandleCount); // logs the cold start; --smoke-test exits on it
        // The icon ships in the app jar (repo resources/icons); absent in module tests.
        var icon = TerminalApp.class.getResource("/pennant/icons/pennant.png");
        if (icon != null) {
            stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
        }
        stage.setOnCloseRequest(e -> Platform.exit());
        stage.show();
        view.afterShow(stage);
        viewModel.start();
    }

    @Override
    public void stop() {
        if (viewModel != null) {
            viewModel.close();
        }
    }
}
