package io.github.zmqlog.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.core.Ordered;
import org.zeromq.ZContext;

import io.github.zmqlog.logback.RootLoggerAttacher;
import io.github.zmqlog.logback.ZmqLogAppender;

/**
 * Stops the publishers after every other bean of the context is destroyed, so that what
 * beans log while the context closes (in {@code @PreDestroy}, say) is still published;
 * then closes the auto-configured {@link ZContext}. Every appender the auto-configuration
 * attached is stopped, its own and the application's, each before it is detached, so that
 * what other threads log in between is counted as {@code NOT_STARTED}; detached, it is
 * forgotten, and no later application in the JVM attaches it again. The context is closed
 * only once every publisher thread has closed its sockets.
 *
 * <p>
 * A context destroys its singletons in the reverse order of their registration, and
 * auto-configured beans are registered after the application's own. This object is
 * registered by a {@link BeanFactoryPostProcessor}, before any other bean is created, so
 * it is destroyed last. A {@code ZContext} the application defines itself closes when its
 * bean is destroyed; the publisher is made to stop before that.
 */
public final class ZmqLogShutdown implements DisposableBean {

	/** Name of the singleton. */
	public static final String BEAN_NAME = "zmqLogShutdown";

	private final CopyOnWriteArrayList<ZmqLogAppender> appenders = new CopyOnWriteArrayList<>();

	private final List<ZContext> contexts = new CopyOnWriteArrayList<>();

	/**
	 * Stops an appender, then detaches it from the root logger, when the context closes.
	 * Idempotent.
	 * @param appender the appender
	 */
	void stopOnClose(ZmqLogAppender appender) {
		this.appenders.addIfAbsent(appender);
	}

	/**
	 * Closes a ZeroMQ context after the appenders have stopped.
	 * @param context the context
	 */
	void closeOnClose(ZContext context) {
		this.contexts.add(context);
	}

	boolean closes(ZContext context) {
		return this.contexts.contains(context);
	}

	@Override
	public void destroy() {
		for (ZmqLogAppender appender : this.appenders) {
			// Stopped first: what other threads log until the detach is counted as
			// NOT_STARTED, not lost.
			appender.stop();
			RootLoggerAttacher.detach(appender);
		}
		// A publisher that outlived stop() still owns sockets of the shared context:
		// closing the context would close them from this thread, under it. It is given
		// the
		// linger to finish; if it does not, the context is left open, and said so.
		ZmqLogAppender running = null;
		for (ZmqLogAppender appender : this.appenders) {
			if (!appender.awaitPublisherEnd(appender.getLinger().getMilliseconds())) {
				running = appender;
			}
		}
		this.appenders.clear();
		if (running != null) {
			running.addWarn("Appender [" + running.getName() + "]'s publisher thread is still running after "
					+ "shutdownTimeout and the linger: its ZeroMQ context is left open rather than closed under it");
		}
		else {
			for (ZContext context : this.contexts) {
				context.close();
			}
		}
		this.contexts.clear();
	}

	/**
	 * Registers the {@link ZmqLogShutdown} singleton before any bean is created.
	 */
	static final class Registrar implements BeanFactoryPostProcessor, Ordered {

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
			if (!beanFactory.containsSingleton(BEAN_NAME)) {
				ZmqLogShutdown shutdown = new ZmqLogShutdown();
				beanFactory.registerSingleton(BEAN_NAME, shutdown);
				((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(BEAN_NAME, shutdown);
			}
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
